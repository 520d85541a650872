/**
 * The {@code fast} engine: replacements of Deeplearning4j 1.0.0-M2 internals that compute the same values faster.
 * {@code model.FastLayers} builds networks from them; a grid or {@code train} run with {@code training.engine = stock}
 * builds every network from Deeplearning4j's own classes instead ({@code model.StockLayers}), so any result can be
 * rerun without them. The two engines' trained accuracies agree within seed noise ({@code EnginesTest}).
 *
 * <table>
 * <caption>Each replacement, what it replaces, what it gained, and the test that proves it equivalent</caption>
 * <tr><th>class</th><th>replaces</th><th>gain (one thread)</th><th>equivalence test</th></tr>
 * <tr><td>{@link OneDnnConvolutionLayer}, {@link OneDnnConvolution}</td><td>{@code ConvolutionLayer}'s im2col and
 *     BLAS product (its oneDNN helper never engages)</td><td>second convolution, minibatch 128, one thread: forward
 *     27 to 7.5 ms, backward 171 to 13 ms; CNN epoch 212 to 20 s with the two below</td><td>{@code
 *     OneDnnConvolutionTest}: outputs and every gradient within float rounding, several shapes and activations, as a
 *     first and as a later layer</td></tr>
 * <tr><td>{@link ColumnConvolution}</td><td>oneDNN for a network's first convolution (layout conversions around a
 *     small kernel, Winograd backward, an input gradient nothing uses)</td><td>first convolution 22 to about 4 ms per
 *     step</td><td>{@code OneDnnConvolutionTest} (first-layer cases)</td></tr>
 * <tr><td>{@link PooledInputConvolutionLayer}, {@link PooledInputConvolution}, {@link InputKernels}</td><td>for a
 *     rectifier, the first convolution, its max-pooling and the rectifier as one layer on the heap: the convolution's
 *     output (11 MB per minibatch of 128) never leaves the cache, and the weight gradient takes only each window's
 *     largest element</td><td>CNN step 40 to 34 ms (epoch 18.7 to 16.1 s)</td><td>{@code
 *     PooledInputConvolutionTest}: outputs and gradients within float rounding; vector and plain kernels bit for
 *     bit</td></tr>
 * <tr><td>{@link BlockedConvolutionLayer}, {@link BlockedConvolution}, {@link BlockedConvolutionPrimitives}</td><td>for
 *     a rectifier, a later convolution ({@link OneDnnConvolutionLayer}) and its {@link PooledRectifierLayer}: oneDNN's
 *     convolution, max-pooling and rectifier called through JavaCPP's presets ({@link OneDnnRuntime}) on activations
 *     kept in oneDNN's blocked layout, converted only at the layer's input and output, where libnd4j's operations
 *     convert the convolution's output and its gradient (twice) and run the backward data pass by Winograd</td>
 *     <td>CNN step 30.6 to 20.5 ms on the shared machine under a background load ({@code BlockedConvolutionTiming});
 *     not yet measured on a quiet one</td><td>{@code BlockedConvolutionTest}: outputs and
 *     every gradient within float rounding against {@code ConvolutionLayer} with DL4J's rectifier then {@code
 *     SubsamplingLayer}, several shapes and slopes, first and later layer; {@code NativeThreadsTest}: its threads</td>
 *     </tr>
 * <tr><td>{@link PooledRectifierLayer}, {@link PooledRectifier}</td><td>the convolution's rectifier then
 *     {@code SubsamplingLayer}: the rectifier moves after the max-pooling</td><td>CNN step 60 to 47-50 ms</td>
 *     <td>{@code PooledRectifierTest}: bit for bit</td></tr>
 * <tr><td>{@link LeanDenseLayer}, {@link LeanDense}</td><td>{@code DenseLayer}: recomputing the pre-activation in
 *     backpropagation, the unused input gradient of the first layer, the bias as ND4J operations</td>
 *     <td>MLP epoch 2.2 to 1.8 s; bias on the heap a further ~7%</td><td>{@code LeanDenseTest}</td></tr>
 * <tr><td>{@link RowBlocks}</td><td>ND4J's broadcast bias add and column-sum reduction</td><td>part of the dense
 *     layers' gain</td><td>{@code RowBlocksTest}: bit for bit</td></tr>
 * <tr><td>{@link LeanOutputLayer}, {@link LeanOutput}, {@link SoftmaxCrossEntropy}</td><td>{@code OutputLayer}
 *     (softmax and cross-entropy computed twice per step)</td><td>MLP epoch 1.07-1.11 to 0.94-0.96 s</td>
 *     <td>{@code LeanOutputTest}</td></tr>
 * <tr><td>{@link Rectifier}</td><td>{@code ActivationReLU} and {@code ActivationLReLU} (the leaky derivative
 *     through a {@code std::function} per element)</td><td>leakyrelu MLP epoch 1.19-1.25 to 0.94 s; ReLU and leaky
 *     ReLU run one implementation</td><td>{@code RectifierTest}: DL4J's values exactly</td></tr>
 * <tr><td>{@link LeanDenseLayer#withLearnedSlope}, {@link LearnedSlopeRows}, {@link LearnedSlopeParams}</td><td>for
 *     PReLU, {@code DenseLayer} and the PReLU layer after it ({@code model.LearnedSlopeLayer}: DL4J's forward pass on
 *     a copy of its input, a backward pass of ten ND4J operations): the bias, the activation and their gradients, the
 *     slopes' summed over the minibatch, in one heap pass each way</td><td>prelu MLP step at leaky ReLU's: 1.15x its
 *     median, 1.02x its tenth percentile, in one sitting on the loaded shared machine ({@code jobs/bench.sh
 *     --step-activations leakyrelu,prelu})</td><td>{@code LearnedSlopeLayersTest}: output, input gradient and the
 *     weight, bias and slope gradients within float rounding, slopes above, at and below zero</td></tr>
 * <tr><td>{@link PooledInputConvolutionLayer#withLearnedSlope}</td><td>for PReLU, the first convolution, the PReLU
 *     layer and the max-pooling, as for a rectifier above; the slopes' gradient summed in the weights' pass</td>
 *     <td>with the row below, prelu CNN step about 340 ms to about leaky ReLU's: 1.04x its median, 1.12x its tenth
 *     percentile, in the same sitting</td><td>{@code LearnedSlopeLayersTest}, as above</td></tr>
 * <tr><td>{@link PooledLearnedSlopeLayer}, {@link PooledLearnedSlope}, {@link LearnedSlopes}</td><td>the PReLU layer
 *     then {@code SubsamplingLayer}: pooled first for a slope above zero (it keeps the order of a window's values),
 *     else the window's four activations pooled</td><td>part of the CNN's gain above</td><td>{@code
 *     LearnedSlopeLayersTest}, exact ties included</td></tr>
 * <tr><td>{@link JvmAdam}, {@link JvmAdamUpdater}</td><td>DL4J's native Adam kernel (scalar)</td><td>1.1-1.2 to
 *     0.13 ms per MLP step</td><td>{@code JvmAdamTest}</td></tr>
 * <tr><td>{@link DeferredDivisionUpdater}</td><td>DL4J's separate division of the gradient by the minibatch
 *     size</td><td>about 3% of an MLP step</td><td>{@code DeferredDivisionUpdaterTest}: bit for bit</td></tr>
 * </table>
 *
 * Batch normalisation, SGD, Nesterov momentum and RMSProp have no replacement: the fast engine runs Deeplearning4j's
 * {@code BatchNormalization} layer and updaters between these layers ({@code BatchNormLayersTest} trains both engines
 * to the same parameters with them, weight decay and a constant bias). After a batch-normalised dense layer, PReLU
 * stays the stock engine's layer.
 *
 * The learned slopes sit where the stock engine's PReLU layers keep them in the network's parameters, and are updated
 * and decayed alike; {@code LearnedSlopeEnginesTest} trains both engines' PReLU networks, MLP and CNN, with and without
 * batch normalisation, to the same parameters, and {@code LearnedSlopeTest} checks both engines' slope gradients against
 * finite differences. A layer that applies PReLU inside itself reports its pre-activation's peaks
 * ({@link PreActivationPeaks}), since a slope below zero hides the pre-activation's sign from its output.
 *
 * {@link NativeFloats} and {@link LayerWiring} are the plumbing they share. Uses Deeplearning4j, ND4J and oneDNN
 * through JavaCPP's presets, nothing else of the project.
 */
package org.activationbench.model.fastpath;
