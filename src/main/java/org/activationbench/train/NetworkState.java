package org.activationbench.train;

import org.activationbench.model.fastpath.NativeFloats;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's part of a {@link TrialState}, read and written in place: the flattened parameters, the updater's flattened
 * state view (for Adam, both engines: the first and second moments, block by block) and the iteration and epoch counters
 * on the configuration, which Adam's bias correction reads. Reading copies the arrays to the heap and changes nothing.
 */
final class NetworkState {

    private NetworkState() {}

    static float[] parameters(MultiLayerNetwork net) {
        return floats(net.params());
    }

    /** The updater's state, or an empty array for an updater without any (or one not yet created: no step taken). */
    static float[] updaterState(MultiLayerNetwork net) {
        Updater updater = net.getUpdater(false);
        INDArray view = updater == null ? null : updater.getStateViewArray();
        return view == null ? new float[0] : floats(view);
    }

    /** Overwrites the network's parameters, updater state and counters with a state's. */
    static void restore(MultiLayerNetwork net, TrialState state) {
        write(net.params(), state.parameters(), "parameters");
        if (state.updaterState().length > 0) {
            // Creates the updater a first step would (the same object, zero state), then fills its state view.
            INDArray view = net.getUpdater(true).getStateViewArray();
            if (view == null) {
                throw new IllegalStateException("the state holds " + state.updaterState().length
                        + " updater values, but this network's updater keeps none");
            }
            write(view, state.updaterState(), "updater state");
        }
        net.setIterationCount(state.iterationCount());
        net.setEpochCount(state.epochCount());
    }

    private static float[] floats(INDArray array) {
        if (array.dataType() != DataType.FLOAT) {
            throw new IllegalStateException("expected float arrays, found " + array.dataType());
        }
        if (NativeFloats.isContiguous(array) && array.ordering() == 'c') {
            float[] values = new float[Math.toIntExact(array.length())];
            NativeFloats.address(array).get(values, 0, values.length);
            return values;
        }
        return array.dup('c').data().asFloat();
    }

    private static void write(INDArray target, float[] values, String what) {
        if (target.length() != values.length) {
            throw new IllegalStateException("the state holds " + values.length + " " + what + ", this network "
                    + target.length());
        }
        if (NativeFloats.isContiguous(target) && target.ordering() == 'c') {
            NativeFloats.write(target, values, 0);
        } else {
            try (INDArray source = org.nd4j.linalg.factory.Nd4j.create(values, target.shape(), 'c')) {
                target.assign(source);
            }
        }
    }
}
