package io.aria.risk;

import io.aria.core.ExecutionReport;
import io.aria.core.OrderIntent;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.Verdict;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.RiskGuard;
import io.aria.risk.internal.Book;
import io.aria.risk.internal.Fmt;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Halts new entries for the rest of the trading day when the day's loss reaches a share of
 * start-of-day equity (the seed's 5%), and rejects exposure-increasing orders while the loss is
 * beyond the limit.
 *
 * <p>The trading day starts at {@code dayStart} (00:00 by default) in {@code dayZone} (UTC by
 * default; a broker's zone, for example 17:00 America/New_York, for the broker's day). The halt is
 * a timed one ({@link io.aria.core.KillSwitch#engageUntil}) that lasts until the next day starts:
 * the pipeline lifts it then ({@link io.aria.core.KillSwitch#releaseIfExpired}) on its tick path, so
 * a multi-day run trades again the next day; the guard itself never releases the switch (the
 * {@link io.aria.core.spi.RiskGuard} contract). A switch
 * engaged by hand (or by another rule without a time) is never lifted by the new day: it still
 * needs a deliberate release.
 *
 * <p>Start-of-day equity is taken at the same boundary: on the UTC day from midnight it is the
 * engine's ({@link PortfolioView#startOfDayEquity()}, taken at UTC midnight), so a restart in the
 * middle of a day keeps the day's loss; on any other boundary, or when the engine's figure is not
 * positive, it is the equity seen at the first event (tick, execution or check) of the day. The
 * switch engages at most once a day, exactly when start-of-day equity - equity &ge; share &times;
 * start-of-day equity; if an operator releases it the same day, new entries stay rejected while
 * the loss is beyond the limit.
 *
 * <p>Threading: event-loop thread only. {@link #onTick} allocates nothing except when a day
 * starts or the switch engages.
 */
public final class DailyLossGuard implements RiskGuard {

    private static final Logger LOG = LoggerFactory.getLogger(DailyLossGuard.class);

    private final double limitShare;
    private final ZoneId zone;
    private final LocalTime dayStart;
    private final boolean engineDay;
    private long dayEndMillis = Long.MIN_VALUE;
    private long dayStartMillis = Long.MIN_VALUE;
    private double startEquity = Double.NaN;
    private boolean engagedToday;

    /**
     * @param limitShare loss share of start-of-day equity that triggers, in (0, 1]
     * @param zone       zone whose midnight starts the day
     */
    public DailyLossGuard(double limitShare, ZoneId zone) {
        this(limitShare, zone, LocalTime.MIDNIGHT);
    }

    /**
     * @param limitShare loss share of start-of-day equity that triggers, in (0, 1]
     * @param zone       zone of the day boundary
     * @param dayStart   local time in {@code zone} the trading day starts at
     */
    public DailyLossGuard(double limitShare, ZoneId zone, LocalTime dayStart) {
        if (!(limitShare > 0 && limitShare <= 1)) {
            throw new IllegalArgumentException("limitShare must be in (0, 1], was " + limitShare);
        }
        this.limitShare = limitShare;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.dayStart = Objects.requireNonNull(dayStart, "dayStart");
        this.engineDay = zone.normalized().equals(ZoneOffset.UTC) && dayStart.equals(LocalTime.MIDNIGHT);
    }

    /** @param rules the kill switch section of a {@link RiskConfig} */
    public DailyLossGuard(RiskConfig.KillSwitchRules rules) {
        this(rules.dailyLossShare(), rules.dayZone(), rules.dayStart());
    }

    @Override
    public void onTick(Tick tick, PortfolioView portfolio) {
        observe(portfolio);
    }

    @Override
    public void onExecution(ExecutionReport report, PortfolioView portfolio) {
        observe(portfolio);
    }

    @Override
    public void onTradeEvent(TradeEvent event, PortfolioView portfolio) {
        observe(portfolio);
    }

    @Override
    public Verdict check(OrderIntent intent, PortfolioView portfolio) {
        observe(portfolio);
        if (!Book.increasesExposure(intent, portfolio)) {
            return Verdict.approve(RiskCodes.REDUCING, "reducing orders are never blocked by the daily loss limit");
        }
        if (breached(portfolio.equity())) {
            return Verdict.reject(RiskCodes.DAILY_LOSS, describe(portfolio.equity()));
        }
        return Verdict.approve();
    }

    private void observe(PortfolioView portfolio) {
        long now = portfolio.nowMillis();
        double equity = portfolio.equity();
        if (now >= dayEndMillis || Double.isNaN(startEquity)) {
            if (!(equity > 0)) {
                return; // cannot start a day on no equity; try again on the next event
            }
            startDay(now, engineDay && portfolio.startOfDayEquity() > 0 && Double.isFinite(portfolio.startOfDayEquity())
                    ? portfolio.startOfDayEquity() : equity);
        }
        if (!engagedToday && breached(equity)) {
            engagedToday = true;
            String reason = describe(equity) + "; halted until " + Instant.ofEpochMilli(dayEndMillis);
            boolean engaged = dayEndMillis > 0
                    ? portfolio.killSwitch().engageUntil(RiskCodes.DAILY_LOSS, reason, dayEndMillis)
                    : portfolio.killSwitch().engage(RiskCodes.DAILY_LOSS, reason); // a day before 1970: no timed halt
            if (engaged) {
                LOG.warn("kill switch engaged: {}", reason);
            }
        }
    }

    private void startDay(long now, double equity) {
        LocalDate day = Instant.ofEpochMilli(now).atZone(zone).toLocalDate().plusDays(1);
        long start;
        do { // the latest boundary at or before now (dayStart may fall in a daylight-saving gap)
            day = day.minusDays(1);
            start = day.atTime(dayStart).atZone(zone).toInstant().toEpochMilli();
        } while (start > now);
        dayStartMillis = start;
        dayEndMillis = day.plusDays(1).atTime(dayStart).atZone(zone).toInstant().toEpochMilli();
        startEquity = equity;
        engagedToday = false;
    }

    private boolean breached(double equity) {
        return startEquity > 0 && startEquity - equity >= limitShare * startEquity;
    }

    private String describe(double equity) {
        double loss = startEquity - equity;
        return "daily loss " + Fmt.money(loss) + " is " + Fmt.pct(loss / startEquity) + " of start-of-day equity "
                + Fmt.money(startEquity) + " (day from " + Instant.ofEpochMilli(dayStartMillis) + ", " + dayStart + " "
                + zone + "), limit " + Fmt.pct(limitShare);
    }

    /** @return the equity the current day started with, NaN before the first event */
    public double startOfDayEquity() {
        return startEquity;
    }

    /** @return when the current day ends and a daily-loss halt lifts, epoch millis ({@code Long.MIN_VALUE} before the first event) */
    public long dayEndMillis() {
        return dayEndMillis;
    }

    /** @return when the current day started, epoch millis ({@code Long.MIN_VALUE} before the first event) */
    public long dayStartMillis() {
        return dayStartMillis;
    }

    @Override
    public String name() {
        return "daily-loss";
    }
}
