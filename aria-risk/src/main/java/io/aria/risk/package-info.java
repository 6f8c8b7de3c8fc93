/**
 * aria-risk: position sizing and risk guards.
 *
 * <p>Start with {@link io.aria.risk.RiskLayer#fromConfig}: it builds the default
 * {@link io.aria.risk.ConfidenceSizer} (or {@link io.aria.risk.RiskPerTradeSizer}) and the
 * {@link io.aria.risk.CompositeRiskGuard} from a {@link io.aria.risk.RiskConfig}. Every verdict
 * carries a code from {@link io.aria.risk.RiskCodes}.
 */
package io.aria.risk;
