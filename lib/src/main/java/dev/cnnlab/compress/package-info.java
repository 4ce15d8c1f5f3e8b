/**
 * Model compression, measured: how much smaller and faster a trained CNN gets, and what it costs in accuracy.
 *
 * <ul>
 *   <li>{@link dev.cnnlab.compress.MagnitudePruning}: zero the smallest weights (per layer or global threshold,
 *       one-shot or gradual with Zhu and Gupta's schedule), masks held while fine-tuning;
 *       {@link dev.cnnlab.compress.PrunedNet#sparsityTable()}, {@link dev.cnnlab.compress.PruningSweep#chart()}.</li>
 *   <li>{@link dev.cnnlab.compress.FilterPruning}: remove whole conv filters with the smallest L1 norm and the
 *       inputs that read them: a genuinely smaller {@link dev.cnnlab.nn.Net}.</li>
 *   <li>{@link dev.cnnlab.compress.Int8Quantization}: int8 weights with per-channel scales and calibrated
 *       activation scales; {@link dev.cnnlab.compress.QuantizedNet} evaluates with simulated int8 arithmetic and
 *       saves a compact file.</li>
 *   <li>{@link dev.cnnlab.compress.Distillation}: train a small student on a teacher's softened outputs.</li>
 *   <li>{@link dev.cnnlab.compress.CompressionReport}: all of them in one table and a Pareto chart.</li>
 * </ul>
 *
 * Every method works on a copy: the model passed in keeps its weights (a distillation student is trained in
 * place, as asked). Mistakes raise {@link dev.cnnlab.compress.CompressionException} naming the layer or argument.
 */
package dev.cnnlab.compress;
