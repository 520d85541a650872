package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OneDnnIsaTest {

    private static final Set<String> ZEN4 = Set.of("sse4_1", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl",
            "avx512dq", "avx512_vnni", "avx512_bf16");
    private static final Set<String> HASWELL = Set.of("sse4_1", "avx", "avx2", "fma");

    @Test
    void theBestLevelTheCpuHasWithoutACap() {
        assertEquals("avx512_core_bf16", OneDnnIsa.describe(ZEN4, null));
        assertEquals("avx2", OneDnnIsa.describe(HASWELL, null));
        assertEquals("avx512_core_bf16 (DNNL_MAX_CPU_ISA=ALL)", OneDnnIsa.describe(ZEN4, "ALL"));
    }

    @Test
    void theCapLowersTheLevelAndIsNamed() {
        assertEquals("avx2 (DNNL_MAX_CPU_ISA=AVX2)", OneDnnIsa.describe(ZEN4, "AVX2"));
        assertEquals("avx512_core (DNNL_MAX_CPU_ISA=avx512_core)", OneDnnIsa.describe(ZEN4, "avx512_core"));
        assertEquals("avx2 (DNNL_MAX_CPU_ISA=AVX512_CORE)", OneDnnIsa.describe(HASWELL, "AVX512_CORE"));
    }

    @Test
    void anUnknownCapIsReportedNotGuessed() {
        assertTrue(OneDnnIsa.describe(ZEN4, "AVX9").startsWith("unknown (DNNL_MAX_CPU_ISA=AVX9 is not one of"));
    }
}
