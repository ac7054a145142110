-- GCRA over several limits of one caller, decided and recorded in one atomic call.
-- KEYS[i]: the theoretical arrival time (TAT, microseconds of Redis TIME) of limit i; all keys share one hash slot.
-- ARGV[2i-1]: limit i's emission interval (period / count, whole microseconds);
-- ARGV[2i]: its tolerance (burst * interval, microseconds).
-- Returns {hit, retry_ms, remaining_1, reset_ms_1, remaining_2, reset_ms_2, ...}: hit is the index of the limit that
-- denied (0 when allowed), retry_ms the wait until every limit would allow, reset_ms the time until that limit's
-- bucket is full again. A denied request records nothing, so it costs no limit anything.

-- Redis 7 always replicates a script's effects; older servers must be told to, since TIME is not deterministic.
if redis.replicate_commands then redis.replicate_commands() end

local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])

local tats = {}
local hit, wait = 0, 0
for i = 1, #KEYS do
  local interval, tolerance = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', KEYS[i])) or now
  if tat < now then tat = now end
  tats[i] = tat
  local allowed_at = tat + interval - tolerance
  if allowed_at > now and allowed_at - now > wait then
    hit, wait = i, allowed_at - now
  end
end

local out = {hit, math.ceil(wait / 1000)}
for i = 1, #KEYS do
  local interval, tolerance = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  local tat = tats[i]
  if hit == 0 then
    tat = tat + interval
    -- The key lives exactly until its bucket is full again: an idle caller leaves nothing behind.
    redis.call('SET', KEYS[i], string.format('%.0f', tat), 'PX', math.ceil((tat - now) / 1000))
  end
  local remaining = math.floor((tolerance - (tat - now)) / interval)
  if remaining < 0 then remaining = 0 end
  out[#out + 1] = remaining
  out[#out + 1] = math.ceil((tat - now) / 1000)
end
return out
