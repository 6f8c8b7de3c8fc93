package io.aria.mt5;

import io.aria.core.ExecutionReport;
import io.aria.core.OrderRequest;

/** One order of a {@link Mt5Gateway} on its way to an outcome. I/O thread only. */
final class OrderTask {

    /** Where an order is: not yet sent, sent, its outcome unknown, finished. */
    enum State {
        NEW, SENT, UNKNOWN, DONE
    }

    final OrderRequest request;
    final long start;
    BrokerSymbol broker;
    double price;
    int attempt;
    int unclearCode;
    int statusAsks;
    boolean asking;
    /** An order of an earlier process, resolved after a restart. */
    boolean recovered;
    ExecutionReport outcome;
    State state = State.NEW;

    OrderTask(OrderRequest request, long start) {
        this.request = request;
        this.start = start;
        this.price = request.requestedPrice();
    }

    /** @return nanoseconds since the order was submitted */
    long elapsed() {
        return System.nanoTime() - start;
    }
}
