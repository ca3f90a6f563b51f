package dev.mallkit.host.distribution.bench;

import java.util.Random;

/**
 * A synthetic referral forest of N members numbered in creation order (a parent precedes its children):
 * member 0 is a hub with {@value #HUB_DOWNLINE} descendants, then {@value #CHAINS} last-touch chains of
 * {@value #CHAIN_LENGTH} members, then many trees of heavy-tailed sizes. Inside a tree, member j picks
 * its referrer at j·U² (U uniform), so early members refer many (heavy-tailed fan-out) and depth grows
 * like ln(size)/2, the shallow-and-wide shape of real share-link trees.
 *
 * @param parents each member's referrer, -1 for a root
 * @param depths each member's number of ancestors
 */
record TreeShape(int[] parents, int[] depths) {
    static final int HUB = 0;
    static final int HUB_DOWNLINE = 100_000;
    static final int CHAINS = 3;
    static final int CHAIN_LENGTH = 1_000;
    private static final double TREE_SCALE = 20;
    private static final int MAX_TREE = 20_000;

    static TreeShape generate(int members, long seed) {
        Random random = new Random(seed);
        int[] parents = new int[members];
        int next = tree(parents, 0, Math.min(members, HUB_DOWNLINE + 1), random);
        for (int k = 0; k < CHAINS && next < members; k++) {
            int end = Math.min(members, next + CHAIN_LENGTH);
            for (int i = next; i < end; i++) {
                parents[i] = i == next ? -1 : i - 1;
            }
            next = end;
        }
        while (next < members) {
            int size = (int) Math.min(MAX_TREE, 1 + TREE_SCALE / (1 - random.nextDouble()));
            next = tree(parents, next, Math.min(members, next + size), random);
        }
        int[] depths = new int[members];
        for (int i = 0; i < members; i++) {
            depths[i] = parents[i] < 0 ? 0 : depths[parents[i]] + 1;
        }
        return new TreeShape(parents, depths);
    }

    // members [root, end) form one tree; returns end
    private static int tree(int[] parents, int root, int end, Random random) {
        parents[root] = -1;
        for (int i = root + 1; i < end; i++) {
            double u = random.nextDouble();
            parents[i] = root + (int) ((i - root) * u * u);
        }
        return end;
    }

    int size() {
        return parents.length;
    }

    /** @return the member's external id; zero-padded so string order is creation order (appends to the indexes) */
    static String id(int member) {
        return String.format("u%07d", member);
    }

    /** @return direct referrals and descendants per member, computed by walking every member's upline */
    long[][] counts() {
        long[] direct = new long[size()];
        long[] downline = new long[size()];
        for (int i = 0; i < size(); i++) {
            if (parents[i] >= 0) {
                direct[parents[i]]++;
            }
            for (int a = parents[i]; a >= 0; a = parents[a]) {
                downline[a]++;
            }
        }
        return new long[][] {direct, downline};
    }
}
