/**
 * The default ensemble: time bars built from ticks, streaming member models that vote in
 * [&minus;1, 1], a regime classifier, and {@link io.aria.core.ensemble.WeightedEnsemble}, which
 * weighs the votes by regime and attributes every decision to its models.
 *
 * <p>Threading: every type here is driven by one thread, the pipeline's event loop; none is
 * thread-safe. Per-symbol state is created up front and indexed by
 * {@link io.aria.core.AssetCatalog#indexOf(String)}; a tick that closes no bar allocates nothing.
 */
package io.aria.core.ensemble;
