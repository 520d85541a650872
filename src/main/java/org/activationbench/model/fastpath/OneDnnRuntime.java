package org.activationbench.model.fastpath;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * oneDNN from JavaCPP's presets (2.5.2), a second copy beside the one linked into libnd4j, and what the layers that
 * call it directly share: its CPU engine and moves between layouts. Both copies run on one OpenMP runtime: JavaCPP
 * loads a library once per name, and whichever preset loads {@code gomp@.1} first supplies it to the other. libnd4j
 * is loaded first, so that its OpenMP (which it was built against) is the one; a training thread's team size, which
 * {@code executor.NativeThreads} sets through libnd4j, then holds for the presets' primitives too.
 */
final class OneDnnRuntime {

    private OneDnnRuntime() {}

    /** The engine, created after libnd4j has loaded its natives. */
    private static final class Holder {
        static final engine CPU = load();

        private static engine load() {
            NativeOpsHolder.getInstance();
            return new engine(engine.kind.cpu, 0);
        }
    }

    /** The CPU engine every primitive and buffer of the project's oneDNN layers is created on. */
    static engine cpu() {
        return Holder.CPU;
    }

    /** A stream for one layer: oneDNN's streams are not for concurrent use, and a layer trains on one thread. */
    static stream newStream() {
        return new stream(cpu());
    }

    /** A buffer of {@code desc} that oneDNN allocates and frees. */
    static memory buffer(memory.desc desc) {
        return new memory(desc, cpu());
    }

    /** A buffer of {@code desc} over memory someone else owns, pointed at an array before each use ({@link #at}). */
    static memory borrowed(memory.desc desc) {
        return new memory(desc, cpu(), new Pointer());
    }

    /** {@code buffer}, pointed at {@code array}'s elements, a contiguous float array of the buffer's size. */
    static memory at(memory buffer, INDArray array) {
        if (!NativeFloats.isContiguous(array) || array.ordering() != 'c' || 4 * array.length() != buffer.get_desc().get_size()) {
            throw new IllegalArgumentException("a contiguous row-major float array of " + buffer.get_desc().get_size() / 4
                    + " elements expected, got " + array.shapeInfoToString());
        }
        buffer.set_data_handle(NativeFloats.address(array));
        return buffer;
    }

    /**
     * A move from one layout to another, or nothing where both are the same: {@link #target} is then the source
     * itself.
     */
    static final class Conversion {
        private final memory source;
        private final memory target;
        private final reorder move;

        /** From {@code source} to a new buffer of {@code wanted}, unless {@code source} already has that layout. */
        Conversion(memory source, memory.desc wanted) {
            this.source = source;
            boolean same = source.get_desc().equals(wanted);
            this.target = same ? source : buffer(wanted);
            this.move = same ? null : new reorder(source, target);
        }

        /** From {@code source} into {@code target}, an existing buffer of the same dimensions. */
        Conversion(memory source, memory target) {
            this.source = source;
            this.target = target;
            this.move = new reorder(source, target);
        }

        memory target() {
            return target;
        }

        void run(stream s) {
            if (move != null) {
                move.execute(s, source, target);
            }
        }
    }
}
