/**
 * TensorBoard event files: {@link EventFileWriter} writes TensorBoard's own {@code Event}
 * messages (classes generated at build time from its {@code event.proto} and
 * {@code summary.proto}, in {@code dev.simlab.core.tb.proto}) in TFRecord framing, and
 * {@link EventFileReader} reads them back checking every checksum. Only the host writes these
 * files; plugins never see protobuf.
 */
package dev.simlab.core.tb;
