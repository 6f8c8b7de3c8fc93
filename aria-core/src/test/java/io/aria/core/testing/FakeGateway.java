package io.aria.core.testing;

import io.aria.core.AccountSnapshot;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.TradeEventListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A minimal netting broker for engine tests: fills every order at its requested price, or holds
 * it until {@link #completeHeld()} when {@code hold} is set. Not a model of a real broker; the
 * paper broker is.
 */
public final class FakeGateway implements OrderGateway {

    public final List<OrderRequest> submitted = new CopyOnWriteArrayList<>();
    public volatile boolean hold;
    public volatile int rejectCode;
    /** When set, orders report UNKNOWN and their real outcome waits in {@link #resolutions}. */
    public volatile boolean unknown;
    public final Map<String, CompletableFuture<ExecutionReport>> resolutions = new java.util.concurrent.ConcurrentHashMap<>();
    public volatile Consumer<OrderRequest> onSubmit = r -> { };
    private final List<Runnable> held = new ArrayList<>();
    private final Map<String, Position> book = new LinkedHashMap<>();
    private volatile TradeEventListener listener = e -> { };
    private double balance = 100_000;
    private long ticket;

    @Override
    public synchronized CompletionStage<ExecutionReport> submit(OrderRequest r) {
        submitted.add(r);
        onSubmit.accept(r);
        CompletableFuture<ExecutionReport> f = new CompletableFuture<>();
        Runnable fill = () -> f.complete(execute(r));
        if (unknown) {
            CompletableFuture<ExecutionReport> later = new CompletableFuture<>();
            resolutions.put(r.clientOrderId(), later);
            f.complete(ExecutionReport.notFilled(r, ExecutionStatus.UNKNOWN, TradeReturnCode.ARIA_UNKNOWN, "timeout", 1000, 0));
            return f;
        }
        if (hold) {
            held.add(fill);
        } else {
            fill.run();
        }
        return f;
    }

    /** Resolves an UNKNOWN order: it did fill, at its requested price. */
    public void resolveAsFilled(String clientOrderId) {
        OrderRequest r = submitted.stream().filter(o -> o.clientOrderId().equals(clientOrderId)).findFirst().orElseThrow();
        resolutions.get(clientOrderId).complete(execute(r));
    }

    /** How orders of an earlier process ended, as this broker will answer after a restart. */
    public final Map<String, ExecutionReport> afterRestart = new java.util.concurrent.ConcurrentHashMap<>();
    /** Ids asked about by {@link #resolutionAfterRestart}, in order. */
    public final List<String> askedAfterRestart = new CopyOnWriteArrayList<>();

    @Override
    public java.util.Optional<CompletionStage<ExecutionReport>> resolutionAfterRestart(OrderRequest request) {
        askedAfterRestart.add(request.clientOrderId());
        ExecutionReport r = afterRestart.get(request.clientOrderId());
        return r != null ? java.util.Optional.of(CompletableFuture.completedFuture(r))
                : OrderGateway.super.resolutionAfterRestart(request);
    }

    /** Puts a position in the book, as one an earlier process opened. */
    public synchronized void hold(Position p) {
        book.put(p.symbol(), p);
    }

    @Override
    public java.util.Optional<CompletionStage<ExecutionReport>> resolutionOf(String clientOrderId) {
        CompletableFuture<ExecutionReport> f = resolutions.get(clientOrderId);
        return f == null ? java.util.Optional.empty() : java.util.Optional.of(f);
    }

    /** Completes every held order, in order. */
    public void completeHeld() {
        List<Runnable> copy;
        synchronized (this) {
            copy = new ArrayList<>(held);
            held.clear();
        }
        copy.forEach(Runnable::run);
    }

    private synchronized ExecutionReport execute(OrderRequest r) {
        if (rejectCode != 0) {
            return ExecutionReport.notFilled(r, ExecutionStatus.REJECTED, rejectCode,
                    TradeReturnCode.describe(rejectCode), 1000, 0);
        }
        Position p = book.get(r.symbol());
        long pos;
        if (p == null) {
            pos = ++ticket;
            book.put(r.symbol(), new Position(pos, r.symbol(), r.side(), r.volume(), r.requestedPrice(), 0, r.stopLoss(),
                    r.takeProfit(), r.requestedPrice(), 0, r.clientOrderId(), r.magic()));
        } else {
            pos = p.ticket();
            double signed = p.signedVolume() + r.side().sign() * r.volume();
            if (p.side() != r.side()) {
                double closed = Math.min(p.volume(), r.volume());
                balance += (r.requestedPrice() - p.openPrice()) * p.side().sign() * closed * 100_000;
            }
            if (Math.abs(signed) < 1e-9) {
                book.remove(r.symbol());
            } else {
                Side side = signed > 0 ? Side.BUY : Side.SELL;
                double open = side == p.side() ? p.openPrice() : r.requestedPrice();
                book.put(r.symbol(), new Position(pos, r.symbol(), side, Math.abs(signed), open, 0, 0, 0, open, 0,
                        p.clientOrderId(), p.magic()));
            }
        }
        return new ExecutionReport(r.clientOrderId(), r.symbol(), r.side(), ExecutionStatus.FILLED, ++ticket, ++ticket,
                pos, r.volume(), r.volume(), r.requestedPrice(), r.requestedPrice(), 0, 1000, TradeReturnCode.DONE,
                "done", 0);
    }

    /** Closes a position as if its stop-loss was hit on the broker's side. */
    public void stopOut(String symbol, double price) {
        TradeEvent e;
        synchronized (this) {
            Position p = book.remove(symbol);
            double profit = (price - p.openPrice()) * p.side().sign() * p.volume() * 100_000;
            balance += profit;
            e = new TradeEvent(TradeEvent.Kind.STOP_LOSS, symbol, p.ticket(), ++ticket, p.side().opposite(), p.volume(),
                    price, profit, p.clientOrderId(), 0);
        }
        listener.onTradeEvent(e);
    }

    @Override
    public void setTradeEventListener(TradeEventListener l) {
        listener = l;
    }

    @Override
    public synchronized List<Position> positions() {
        return List.copyOf(book.values());
    }

    @Override
    public synchronized AccountSnapshot account() {
        return new AccountSnapshot("USD", balance, balance, 0, balance, 100, 0);
    }
}
