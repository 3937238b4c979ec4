package com.tradesense.marketdata.provider.simulator;

/**
 * Counter-based pseudo-random numbers: the value for (seed, counter) is a pure function, so any bar of
 * any day can be recomputed on its own, in any order, and is the same on every machine and run.
 * SplitMix64 finalizer (Steele, Lea, Flood: "Fast splittable pseudorandom number generators", 2014).
 */
final class CounterRandom {
    private static final double TWO_POW_53 = 0x1.0p-53;

    private CounterRandom() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long mix(long seed, long counter) {
        return mix(seed + 0x9e3779b97f4a7c15L * (counter + 1));
    }

    /** Uniform in (0, 1), never exactly 0 (safe for log). */
    static double uniform(long seed, long counter) {
        return ((mix(seed, counter) >>> 11) + 0.5) * TWO_POW_53;
    }

    /** Standard normal, Box-Muller on two independent uniforms. */
    static double gaussian(long seed, long counter) {
        double u1 = uniform(seed, counter * 2);
        double u2 = uniform(seed, counter * 2 + 1);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Stable 64-bit seed of a string (FNV-1a then mixed), independent of String.hashCode's 32 bits. */
    static long seedOf(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }
}
