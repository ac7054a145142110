package dev.parley.pipeline.domain;

/**
 * The keys seen in one upload, as 64-bit hashes in an open-addressing table (8 to 16 bytes a key instead of the
 * ~100 of a {@code HashSet<String>}): a key whose hash was seen before is only a suspected repeat, which the loader
 * confirms exactly against the staged rows (a collision merely costs that check).
 */
public final class CsvKeySet {

    private long[] table = new long[1 << 12];
    private int size;

    /** Adds {@code key}; false when its hash was already there. */
    public boolean add(String key) {
        if (size * 2 >= table.length) {
            grow();
        }
        return insert(table, hash(key));
    }

    public int size() {
        return size;
    }

    private boolean insert(long[] into, long h) {
        int mask = into.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (into[i] != 0) {
            if (into[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        into[i] = h;
        if (into == table) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = table;
        long[] bigger = new long[old.length * 2];
        for (long h : old) {
            if (h != 0) {
                int mask = bigger.length - 1;
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (bigger[i] != 0) {
                    i = (i + 1) & mask;
                }
                bigger[i] = h;
            }
        }
        table = bigger;
    }

    /** FNV-1a over the UTF-16 units, then the murmur3 finalizer; never 0 (the empty slot). */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
