/**
 * The maths of a CNN from scratch, on plain float arrays, with a step-by-step {@code explain()} view for
 * each operation. DJL does the real training; these classes show what its layers compute, and the tests
 * check them against DJL's own operators.
 *
 * <table>
 *   <caption>One class per concept</caption>
 *   <tr><td>{@link dev.cnnlab.ops.Corr2d}</td><td>cross-correlation (what DL "convolution" layers compute)</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.Conv2d}</td><td>true convolution: the kernel flipped 180°</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.ConvLayer}</td><td>C input channels → O output channels, plus bias; 1x1 case</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.Pool}</td><td>max and average pooling</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.Dense}</td><td>y = W·x + b (W rows = outputs; Keras kernel is the transpose)</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.Activations}</td><td>ReLU, sigmoid, numerically stable softmax</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.Flatten}</td><td>feature maps to a vector (channels first or last)</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.OutputShape}</td><td>out = floor((n + 2p − d(k − 1) − 1)/s) + 1</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.Padding}</td><td>'valid', 'same' (Keras rule) or p zeros per side</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.ConvGradient}</td><td>backpropagation through a conv layer: ∂L/∂K = X ⋆ G, ∂L/∂X, ∂L/∂b</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.PoolGradient}</td><td>backpropagation through max (to the winner) and average pooling</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.NumericGradient}</td><td>central differences: the gradient check</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.KernelFit}</td><td>learn a kernel from input/output pairs by gradient descent</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.Grid}</td><td>a 2-D result that prints as aligned text or an HTML table</td></tr>
 *   <tr><td>{@link dev.cnnlab.ops.Explanation}</td><td>every output cell as its arithmetic, window highlighted</td></tr>
 * </table>
 *
 * <pre>{@code
 * int[][] x = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
 * int[][] k = {{0, 1, 0}, {1, 0, 1}, {0, 1, 0}};
 * Corr2d.apply(x, k)                                   // [[20]]
 * Grid y = Corr2d.of(x, k).padding("same").compute();  // [[6, 9, 8], [13, 20, 17], [12, 21, 14]]
 * Pool.max(Activations.relu(y)).size(2).compute()                 // [[20]]
 * Corr2d.of(x, k).padding(1).explain()                 // each cell as a sum of products
 * }</pre>
 * Bad arguments (ragged arrays, a kernel that does not fit, stride 0, channel mismatch) throw
 * {@link java.lang.IllegalArgumentException} with a message that names the argument and the problem.
 */
package dev.cnnlab.ops;
