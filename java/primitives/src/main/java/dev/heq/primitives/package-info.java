/**
 * Primitives shared by the HE layer and the transport/OT layers, with no HEQ dependency:
 * <ul>
 *   <li>{@link dev.heq.primitives.BitPacking}: the one bit packer (LSB-first, little-endian) of the HE wire
 *       format, framed {@code long[]} messages and the OT layers; malformed padding raises
 *       {@link dev.heq.primitives.PackingException}, which each user wraps with its field or frame;</li>
 *   <li>{@link dev.heq.primitives.AesCtrPrg}: the one AES-CTR generator (128- or 256-bit key, 64-bit domain in the
 *       counter block) behind HE seeds, keys, errors and masks and OT-extension column expansion;
 *       {@link dev.heq.primitives.AesJit} warms the JDK's AES intrinsics once per JVM.</li>
 * </ul>
 */
package dev.heq.primitives;
