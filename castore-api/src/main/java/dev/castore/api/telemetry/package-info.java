/**
 * Metrics and traces: {@link dev.castore.api.telemetry.Telemetry}, what the composition and the
 * front ends report to, and {@link dev.castore.api.telemetry.TelemetryProvider}, the SPI of the
 * module that records them.
 */
package dev.castore.api.telemetry;
