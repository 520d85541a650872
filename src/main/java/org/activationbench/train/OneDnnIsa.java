package org.activationbench.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The instruction set oneDNN (2.3, inside ND4J's natives) runs its convolution and pooling kernels with: the best
 * this CPU has, capped by {@code DNNL_MAX_CPU_ISA}. Kernels for different instruction sets round differently, so
 * results are comparable across machines only with the same one; oneDNN 2.3 reads {@code DNNL_MAX_CPU_ISA}, not
 * the {@code ONEDNN_} name later versions use. Derived from the CPU's flags the way oneDNN's dispatcher checks them,
 * since oneDNN reports its choice only in verbose logs.
 */
final class OneDnnIsa {

    static final String VARIABLE = "DNNL_MAX_CPU_ISA";

    /** oneDNN's f32 instruction-set levels, lowest first, with the CPU flags each needs. */
    private enum Level {
        SSE41("sse4_1"),
        AVX("avx"),
        AVX2("avx2"),
        AVX512_CORE("avx512f", "avx512bw", "avx512vl", "avx512dq"),
        AVX512_CORE_VNNI("avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni"),
        AVX512_CORE_BF16("avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni", "avx512_bf16");

        final List<String> flags;

        Level(String... flags) {
            this.flags = List.of(flags);
        }
    }

    private OneDnnIsa() {}

    /** E.g. {@code avx512_core_bf16}, or {@code avx2 (DNNL_MAX_CPU_ISA=AVX2)}; "unknown" off Linux. */
    static String current() {
        Set<String> flags = cpuFlags();
        if (flags.isEmpty()) {
            return "unknown";
        }
        String cap = System.getenv(VARIABLE);
        return describe(flags, cap);
    }

    static String describe(Set<String> flags, String cap) {
        Level limit = Level.AVX512_CORE_BF16;
        if (cap != null && !cap.isBlank() && !cap.strip().equalsIgnoreCase("ALL")) {
            limit = Arrays.stream(Level.values()).filter(l -> l.name().equalsIgnoreCase(cap.strip())).findFirst().orElse(null);
            if (limit == null) {
                return "unknown (" + VARIABLE + "=" + cap.strip() + " is not one of " + Arrays.toString(Level.values()) + ")";
            }
        }
        Level best = null;
        for (Level level : Level.values()) {
            if (level.compareTo(limit) <= 0 && flags.containsAll(level.flags)) {
                best = level;
            }
        }
        String isa = best == null ? "none" : best.name().toLowerCase(Locale.ROOT);
        return cap == null || cap.isBlank() ? isa : isa + " (" + VARIABLE + "=" + cap.strip() + ")";
    }

    private static Set<String> cpuFlags() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+")).collect(Collectors.toSet()))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }
}
