/**
 * The {@code simd} kernel tier: HEQ's only code that uses {@code jdk.incubator.vector}.
 *
 * <p>{@link dev.heq.kernel.simd.SimdTier} is the service entry (no Vector API types in its signatures, so the
 * tier can be listed, and refused with a reason and fix, in a JVM without {@code --add-modules
 * jdk.incubator.vector}). {@code SimdKernels} dispatches by modulus: {@code LongNtt} (long32 for q &lt; 2^32,
 * limb62 for q &lt; 2^62) and {@code DoubleNtt} (exact double-FMA arithmetic for 2^32 ≤ q &lt; 2^50);
 * {@code Eltwise} holds the element-wise kernels; {@code Lanes} the 512-bit shapes and the two-table permutes
 * for strides below one vector. Transforms with N &lt; 16 and the last n mod 8 element-wise values go to the
 * scalar tier.
 *
 * <p>Written for 512-bit vectors. The pitfalls that shaped the code are stated where they apply (helper boxing, index
 * vector types, compile times); the stage methods are deliberately large straight-line code: in this JDK, a helper method that C2 declines to
 * inline (NodeCountInliningCutoff, FreqInlineSize) boxes its vector arguments on every call.
 */
package dev.heq.kernel.simd;
