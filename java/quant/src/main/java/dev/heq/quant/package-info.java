/**
 * The integer semantics of quantized inference, shared by the model layer (training, model files, the plaintext
 * integer engine) and the two-party protocols, which must reproduce them bit for bit on secret shares.
 *
 * <ul>
 *   <li>{@link dev.heq.quant.QType}: a b-bit signed or unsigned integer type with a scale and zero point 0
 *       (symmetric quantization).</li>
 *   <li>{@link dev.heq.quant.FixedPoint}: a positive real factor as multiplier · 2^−shift with one rounding rule,
 *       round half up (integer-only inference, Jacob et al., CVPR 2018).</li>
 *   <li>{@link dev.heq.quant.Requantizer}: accumulator → next activation type: per-channel fixed-point rescale,
 *       then clamp to the output type's range.</li>
 *   <li>{@link dev.heq.quant.Quantize}: float → integer conversion of weights and inputs.</li>
 * </ul>
 *
 * <p>This package has no dependency: it sits at the bottom of the model side of the layering.
 */
package dev.heq.quant;
