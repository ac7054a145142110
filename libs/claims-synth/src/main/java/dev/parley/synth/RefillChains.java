package dev.parley.synth;

import java.util.SplittableRandom;

/**
 * The prescriptions of the members: each member fills a few NDCs, and each (member, NDC) is a chain of fills in
 * date order, every fill at least the previous fill's days supply after it. RULE-RX-001 therefore never fires on
 * clean fills, and (member, fill date, NDC) is unique. Only the planted early refill breaks a chain's spacing.
 */
final class RefillChains {

    static final int LAST_DAY = 364;

    private final int[] member;
    private final short[] drug;
    private final short[] nextDay;

    RefillChains(int[] members, int perMember, SplittableRandom random) {
        if (perMember > Drugs.ALL.size() / 2) {
            throw new IllegalArgumentException("too few members for the pharmacy claims");
        }
        int chains = members.length * perMember;
        member = new int[chains];
        drug = new short[chains];
        nextDay = new short[chains];
        int chain = 0;
        for (int m : members) {
            int first = chain;
            while (chain < first + perMember) {
                int candidate = Drugs.pick(random).index();
                boolean taken = false;
                for (int other = first; other < chain; other++) {
                    taken |= drug[other] == candidate;
                }
                if (!taken) {
                    member[chain] = m;
                    drug[chain] = (short) candidate;
                    nextDay[chain] = (short) random.nextInt(LAST_DAY + 1);
                    chain++;
                }
            }
        }
    }

    int size() {
        return member.length;
    }

    int member(int chain) {
        return member[chain];
    }

    Drug drug(int chain) {
        return Drugs.ALL.get(drug[chain]);
    }

    int nextDay(int chain) {
        return nextDay[chain];
    }

    /** A chain with room for one more fill this year, found from a random start. */
    int anyOpen(SplittableRandom random) {
        int start = random.nextInt(member.length);
        for (int i = 0; i < member.length; i++) {
            int chain = (start + i) % member.length;
            if (nextDay[chain] <= LAST_DAY) {
                return chain;
            }
        }
        throw new IllegalArgumentException("too few members for the pharmacy claims: every refill chain is full");
    }

    /** A chain of the drug (any when negative) whose next fill can come by {@code latestDay}; -1 if none. */
    int openUntil(int latestDay, int drugIndex, SplittableRandom random) {
        int start = random.nextInt(member.length);
        for (int i = 0; i < member.length; i++) {
            int chain = (start + i) % member.length;
            if (nextDay[chain] <= latestDay && (drugIndex < 0 || drug[chain] == drugIndex)) {
                return chain;
            }
        }
        return -1;
    }

    /** Fills the chain a few days after it is due; returns the fill day (0 = 2025-01-01). */
    int fill(int chain, SplittableRandom random) {
        int day = Math.min(nextDay[chain] + random.nextInt(6), LAST_DAY);
        return fillOn(chain, day);
    }

    /** Fills on the given day, due or not: the next fill is due a days supply later. */
    int fillOn(int chain, int day) {
        nextDay[chain] = (short) (day + drug(chain).daysSupply());
        return day;
    }
}
