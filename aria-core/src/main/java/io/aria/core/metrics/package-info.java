/**
 * Micrometer metrics of a live pipeline ({@link io.aria.core.metrics.AriaMeterBinder}). Micrometer
 * is an optional dependency of aria-core: add {@code io.micrometer:micrometer-core} to use this
 * package.
 */
package io.aria.core.metrics;
