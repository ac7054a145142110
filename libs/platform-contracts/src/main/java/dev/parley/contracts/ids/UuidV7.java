package dev.parley.contracts.ids;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds, then random bits, so ids sort by creation time.
 *
 * <p>Within one millisecond the 12-bit {@code rand_a} field is used as a counter (method 1 of RFC 9562 section
 * 6.2), so ids made by one process are strictly increasing even when many share a millisecond.
 */
public final class UuidV7 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static long lastMillis = -1;
    private static int counter;

    private UuidV7() {}

    /** A new UUIDv7. */
    public static UUID next() {
        long millis;
        int sequence;
        LOCK.lock();
        try {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                counter = RANDOM.nextInt(1 << 11); // leave headroom so the counter rarely overflows
            } else if (++counter > 0xFFF) {
                lastMillis++; // counter exhausted: borrow the next millisecond, keep ordering
                counter = 0;
            }
            millis = lastMillis;
            sequence = counter;
        } finally {
            LOCK.unlock();
        }
        long msb = (millis << 16) | (0x7L << 12) | sequence;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The Unix milliseconds a UUIDv7 was made at. */
    public static long timestampMillis(UUID uuid) {
        if (uuid.version() != 7) {
            throw new IllegalArgumentException("not a version 7 UUID: " + uuid);
        }
        return uuid.getMostSignificantBits() >>> 16;
    }
}
