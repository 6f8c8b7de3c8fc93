// host.cpp - runs the transformed AriaBridge EA as a process: the "terminal" around it.
//
//   aria-ea-host [--input Name=Value]... [--mode netting|hedging] [--balance X] [--leverage N]
//                [--currency USD] [--symbol BROKER=PRESET]... [--chart BROKER] [--offset-s N]
//                [--dlls 0|1] [--sandbox DIR] [--state FILE] [--unsynced SYM=MS] [--mql-trade 0|1] [--feed-ms N] [--exemode SYM=N] [--filling SYM=FLAGS]
//                [--history N] [--extra-symbols N]
//
//   --history N        the account's history holds N trade deals made before the EA started (round
//                      trips of 0.01 lot on the first symbol, seven in each second, ending now; comments with
//                      multi-byte UTF-8 characters), so a `deals` reply of all of them is over 1 MiB
//   --extra-symbols N  Market Watch also holds N copies of the first symbol (NAME.p0001 ...), so a
//                      `symbols` reply of all of them is over 1 MiB
//
// The EA's event handlers run one at a time on this thread, from one queue, as in the terminal
// (ref: /runtime/event_fire: "events are handled one after another in the order they arrive";
// a Timer or NewTick event is not added while one waits; OnTradeTransaction events queue up to
// 1024 and run after the handler that caused them returns).
//
// Control channel (stdin, one command a line; stdout answers 'ok ...' or 'err ...'; lines
// 'ea ...' on stdout are unsolicited: 'ea init <rc>', 'ea removed <reason>'):
//   quote SYM BID ASK TIME_MS         a quote reaches the terminal; 'ok info' when it is an INFO tick
//   positions | deals | account       the trade server's truth, as JSON
//   fault retcode CODE traded|none    the next OrderSend answers CODE (traded: the deal happens anyway)
//   fault drop-deal-adds N            the next N DEAL_ADD transactions are lost (queue overflow)
//   fault history-fail N              the next N HistorySelect calls fail
//   fault retcode 10008 placed        the next OrderSend is placed in the book, not filled (an active order)
//   fault rewrite-comments            the broker rewrites every comment to "#<ticket>"
//   fault hold-transactions           transactions are held (reach the EA late) ...
//   fault release-transactions        ... until released, in their order
//   set connected|trade-allowed 0|1   terminal state
//   trade SYM buy|sell VOL [POSITION] a deal made outside the EA (manual, reason client)
//   sync                              answers once the queue is empty after one more OnTimer
//   reinit                            OnDeinit(REASON_PARAMETERS) then OnInit, globals kept (an input change)
//   quit                              OnDeinit(REASON_REMOVE), then exit 0
// EA log lines (Print/PrintFormat) go to stderr, prefixed 'EA| '.
#include <poll.h>
#include <unistd.h>
#include <iostream>
#include <sstream>
#include "mql5.hpp"
#include "sim.hpp"
#include "api.hpp"

void HostLog(const std::string& line) {
    std::fprintf(stderr, "EA| %s\n", line.c_str());
    std::fflush(stderr);
}

#include EA_SOURCE

namespace {

using host::Terminal;

void preset(host::Sym& s, const std::string& p) {
    // forex hours in server time (offset 0): Sunday 22:00 to Friday 22:00 (17:00 New York in winter)
    auto fx = [&s]() {
        s.sessions = {{0, 22 * 3600, 86400}, {1, 0, 86400}, {2, 0, 86400}, {3, 0, 86400}, {4, 0, 86400}, {5, 0, 22 * 3600}};
    };
    if (p == "EURUSD" || p == "GBPUSD") {
        s.description = p == "EURUSD" ? "Euro vs US Dollar" : "Pound vs US Dollar";
        s.base = p.substr(0, 3); s.profit = "USD"; s.margin = s.base;
        s.digits = 5; s.point = s.tickSize = 0.00001; s.contract = 100000; s.stopsLevel = 10;
        fx();
    } else if (p == "USDJPY") {
        s.description = "US Dollar vs Japanese Yen"; s.base = "USD"; s.profit = "JPY"; s.margin = "USD";
        s.digits = 3; s.point = s.tickSize = 0.001; s.contract = 100000; s.stopsLevel = 10;
        fx();
    } else if (p == "XAUUSD") {
        s.description = "Gold vs US Dollar"; s.base = "XAU"; s.profit = "USD"; s.margin = "XAU";
        s.digits = 2; s.point = s.tickSize = 0.01; s.contract = 100; s.stopsLevel = 20;
        fx();
    } else {
        std::fprintf(stderr, "host: unknown symbol preset %s (EURUSD, GBPUSD, USDJPY, XAUUSD)\n", p.c_str());
        std::exit(2);
    }
}

std::string num(double v) { char b[64]; std::snprintf(b, sizeof b, "%.10g", v); return b; }
std::string quoted(const std::string& s) {
    std::string o = "\"";
    for (char c : s) { if (c == '"' || c == '\\') o += '\\'; o += c; }
    return o + "\"";
}

std::string positionsJson() {
    std::string o = "[";
    for (auto& p : T().positions) {
        if (o.size() > 1) o += ",";
        o += "{\"ticket\":" + std::to_string(p.ticket) + ",\"identifier\":" + std::to_string(p.identifier) + ",\"symbol\":" + quoted(p.symbol)
             + ",\"side\":" + (p.type == POSITION_TYPE_BUY ? "\"buy\"" : "\"sell\"") + ",\"volume\":" + num(p.volume)
             + ",\"price_open\":" + num(p.priceOpen) + ",\"sl\":" + num(p.sl) + ",\"tp\":" + num(p.tp) + ",\"comment\":" + quoted(p.comment) + "}";
    }
    return o + "]";
}
std::string dealsJson() {
    std::string o = "[";
    for (auto& d : T().deals) {
        if (o.size() > 1) o += ",";
        o += "{\"ticket\":" + std::to_string(d.ticket) + ",\"order\":" + std::to_string(d.order) + ",\"position\":" + std::to_string(d.positionId)
             + ",\"symbol\":" + quoted(d.symbol) + ",\"side\":" + (d.type == DEAL_TYPE_BUY ? "\"buy\"" : "\"sell\"") + ",\"entry\":"
             + std::to_string(d.entry) + ",\"reason\":" + std::to_string(d.reason) + ",\"volume\":" + num(d.volume) + ",\"price\":"
             + num(d.price) + ",\"profit\":" + num(d.profit) + ",\"comment\":" + quoted(d.comment) + "}";
    }
    return o + "]";
}

std::map<std::string, std::string> g_presetOf;

// --history N: closed round trips booked straight into the server's history (no transactions: they
// happened before the EA was attached), oldest first, tickets growing as the server gives them
void seedHistory(int n) {
    auto& t = T();
    if (n <= 0 || t.symbols.empty()) return;
    const host::Sym& s = t.symbols[0];
    long end = t.serverNowMs() - 1000;
    for (int i = 0; i < n; i++) {
        bool open = i % 2 == 0;
        host::Order o;
        o.ticket = t.nextOrder++;
        o.symbol = s.name;
        o.type = open ? ORDER_TYPE_BUY : ORDER_TYPE_SELL;
        o.state = ORDER_STATE_FILLED;
        o.volumeInitial = 0.01;
        o.priceOpen = open ? 1.10012 : 1.10020;
        o.magic = 4711;
        // 3-byte characters: a count of UTF-16 units would be a third of the bytes sent
        o.comment = "h\u20ac\u20ac\u20ac\u20ac\u20ac-" + std::to_string(i);
        // seven deals share each millisecond: a page can end inside one, and the cursor
        // (time_msc, ticket) must neither skip nor repeat the rest of it
        o.setupMsc = o.doneMsc = end - (long)((n - i) / 7) * 1000;
        host::Deal d;
        d.ticket = t.nextDeal++;
        d.order = o.ticket;
        d.positionId = open ? o.ticket : t.historyOrders.back().ticket;
        d.symbol = s.name;
        d.type = open ? DEAL_TYPE_BUY : DEAL_TYPE_SELL;
        d.entry = open ? DEAL_ENTRY_IN : DEAL_ENTRY_OUT;
        d.reason = DEAL_REASON_EXPERT;
        d.volume = 0.01;
        d.price = o.priceOpen;
        d.profit = open ? 0 : 0.08;
        d.magic = 4711;
        d.comment = o.comment;
        d.timeMsc = o.setupMsc;
        o.positionId = d.positionId;
        t.historyOrders.push_back(o);
        t.deals.push_back(d);
        t.balance += d.profit;
    }
    t.changed();
}

// --extra-symbols N: a broker with thousands of symbols in Market Watch
void addSymbolCopies(int n) {
    auto& t = T();
    if (n <= 0 || t.symbols.empty()) return;
    host::Sym base = t.symbols[0];
    std::string preset = g_presetOf[base.name];
    for (int i = 1; i <= n; i++) {
        host::Sym c = base;
        char b[32];
        std::snprintf(b, sizeof b, ".p%04d", i);
        c.name = base.name + b;
        c.selected = true;
        g_presetOf[c.name] = preset;
        t.symbols.push_back(c);
    }
}

bool g_loaded = false;
int g_history = 0;         // --history
int g_extraSymbols = 0;    // --extra-symbols
int g_feedMs = 0;          // --feed-ms: a random walk on every symbol, for the tick-source contract
ulong g_nextFeed = 0;
std::map<std::string, double> g_mid = {{"EURUSD", 1.10000}, {"GBPUSD", 1.27000}, {"USDJPY", 145.000}, {"XAUUSD", 2050.00}};

void feed() {
    auto& t = T();
    for (auto& s : t.symbols) {
        double& mid = g_mid[g_presetOf[s.name]];
        mid += (MathRand() % 5 - 2) * s.point;
        double spread = 12 * s.point;
        double bid = NormalizeDouble(mid - spread / 2, s.digits), ask = NormalizeDouble(mid + spread / 2, s.digits);
        long ms = t.serverNowMs();
        if (s.hasTick && ms < s.last.time_msc) ms = s.last.time_msc;
        t.quote(s.name, bid, ask, ms);
    }
}
int g_syncWaiting = 0;

void say(const std::string& line) {
    std::fprintf(stdout, "%s\n", line.c_str());
    std::fflush(stdout);
}

void drain() {
    auto& t = T();
    while (!t.queue.empty() && g_loaded) {
        host::Event e = t.queue.front();
        t.queue.pop_front();
        switch (e.kind) {
            case host::Event::TIMER: OnTimer(); break;
            case host::Event::TICK: OnTick(); break;
            case host::Event::TRADE: OnTradeTransaction(e.trans, e.request, e.result); break;
        }
    }
    if (!g_loaded) t.queue.clear();
}

void init() {
    int rc = OnInit();
    say("ea init " + std::to_string(rc));
    if (rc != INIT_SUCCEEDED) {
        // ref: /event_handlers/oninit: a non-zero return makes the terminal call OnDeinit with
        // REASON_INITFAILED and unload the EA
        OnDeinit(REASON_INITFAILED);
        g_loaded = false;
        T().timerMs = 0;
        say("ea removed " + std::to_string(REASON_INITFAILED));
        return;
    }
    g_loaded = true;
}

void command(const std::string& line) {
    std::istringstream in(line);
    std::string c;
    in >> c;
    auto& t = T();
    if (c.empty()) return;
    if (c == "quote") {
        std::string s; double bid, ask; long ms;
        in >> s >> bid >> ask >> ms;
        if (!in || t.sym(s) == nullptr) { say("err quote SYM BID ASK TIME_MS with a configured symbol"); return; }
        bool info = t.quote(s, bid, ask, ms);
        say(info ? "ok info" : "ok noinfo");
    } else if (c == "positions") {
        say("ok " + positionsJson());
    } else if (c == "deals") {
        say("ok " + dealsJson());
    } else if (c == "account") {
        say("ok {\"balance\":" + num(t.balance) + ",\"equity\":" + num(t.equity()) + ",\"margin\":" + num(t.marginSum())
            + ",\"dropped_transactions\":" + std::to_string(t.droppedTransactions) + ",\"blocked_ms\":" + std::to_string(t.blockedMs) + "}");
    } else if (c == "fault") {
        std::string what; in >> what;
        if (what == "retcode") {
            host::Fault f; std::string traded; in >> f.retcode >> traded;
            f.traded = traded == "traded";
            t.faults.push_back(f);
        } else if (what == "drop-deal-adds") {
            in >> t.dropNextDealAdds;
        } else if (what == "hold-transactions") {
            t.holdTransactions = true;
        } else if (what == "release-transactions") {
            t.releaseTransactions();
        } else if (what == "rewrite-comments") {
            t.rewriteComments();
        } else if (what == "history-fail") {
            in >> t.failHistorySelects;
        } else { say("err unknown fault " + what); return; }
        say("ok");
    } else if (c == "set") {
        std::string what; int v = 0; in >> what >> v;
        if (what == "connected") t.connected = v != 0;
        else if (what == "trade-allowed") t.terminalTradeAllowed = v != 0;
        else { say("err unknown setting " + what); return; }
        say("ok");
    } else if (c == "trade") {
        std::string s, side; double vol; unsigned long pos = 0;
        in >> s >> side >> vol;
        if (!(in >> pos)) pos = 0;
        host::Sym* sy = t.sym(s);
        if (sy == nullptr || !sy->hasTick) { say("err trade needs a quoted symbol"); return; }
        bool buy = side == "buy";
        t.executeMarket(*sy, buy ? ORDER_TYPE_BUY : ORDER_TYPE_SELL, vol, buy ? sy->last.ask : sy->last.bid,
                        t.marginMode == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING ? pos : 0, 0, 0, 0, "", ORDER_FILLING_FOK, DEAL_REASON_CLIENT, nullptr);
        say("ok");
    } else if (c == "sync") {
        g_syncWaiting++;
    } else if (c == "reinit") {
        if (g_loaded) OnDeinit(REASON_PARAMETERS);
        init();
        say("ok");
    } else if (c == "quit") {
        if (g_loaded) OnDeinit(REASON_REMOVE);
        g_loaded = false;
        t.save();
        say("ok bye");
        std::exit(0);
    } else {
        say("err unknown command " + c);
    }
}

}  // namespace

int main(int argc, char** argv) {
    auto& t = T();
    std::vector<std::pair<std::string, std::string>> inputs;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) { std::fprintf(stderr, "host: %s needs a value\n", a.c_str()); std::exit(2); }
            return argv[++i];
        };
        if (a == "--input") {
            std::string kv = next();
            size_t eq = kv.find('=');
            if (eq == std::string::npos) { std::fprintf(stderr, "host: --input %s: expected Name=Value\n", kv.c_str()); return 2; }
            inputs.push_back({kv.substr(0, eq), kv.substr(eq + 1)});
        } else if (a == "--mode") {
            std::string m = next();
            t.marginMode = m == "hedging" ? ACCOUNT_MARGIN_MODE_RETAIL_HEDGING : m == "exchange" ? ACCOUNT_MARGIN_MODE_EXCHANGE : ACCOUNT_MARGIN_MODE_RETAIL_NETTING;
        } else if (a == "--balance") t.balance = std::strtod(next().c_str(), nullptr);
        else if (a == "--leverage") t.leverage = std::strtol(next().c_str(), nullptr, 10);
        else if (a == "--currency") t.currency = next();
        else if (a == "--offset-s") t.serverOffsetS = std::strtol(next().c_str(), nullptr, 10);
        else if (a == "--dlls") t.dllsAllowed = next() != "0";
        else if (a == "--mql-trade") t.mqlTradeAllowed = next() != "0";   // the EA's own "Allow Algo Trading" box
        else if (a == "--sandbox") t.sandbox = next();
        else if (a == "--state") t.stateFile = next();
        else if (a == "--chart") t.chartSymbol = next();
        else if (a == "--feed-ms") g_feedMs = (int)std::strtol(next().c_str(), nullptr, 10);
        else if (a == "--history") g_history = (int)std::strtol(next().c_str(), nullptr, 10);
        else if (a == "--extra-symbols") g_extraSymbols = (int)std::strtol(next().c_str(), nullptr, 10);
        else if (a == "--symbol") {
            std::string kv = next();
            size_t eq = kv.find('=');
            host::Sym s;
            s.name = kv.substr(0, eq);
            preset(s, eq == std::string::npos ? kv : kv.substr(eq + 1));
            g_presetOf[s.name] = eq == std::string::npos ? kv : kv.substr(eq + 1);
            s.selected = true;
            t.symbols.push_back(s);
        } else if (a == "--unsynced") {
            // SYMBOL=MS: the symbol's ticks need MS to synchronise after it is first asked for
            std::string kv = next();
            size_t eq = kv.find('=');
            host::Sym* s = t.sym(kv.substr(0, eq));
            if (s == nullptr || eq == std::string::npos) { std::fprintf(stderr, "host: --unsynced %s: unknown symbol\n", kv.c_str()); return 2; }
            s->syncMs = std::strtol(kv.substr(eq + 1).c_str(), nullptr, 10);
        } else if (a == "--exemode" || a == "--filling") {
            // SYMBOL=VALUE: the execution mode (ENUM_SYMBOL_TRADE_EXECUTION) or filling flags of a symbol
            std::string kv = next();
            size_t eq = kv.find('=');
            host::Sym* s = t.sym(kv.substr(0, eq));
            if (s == nullptr || eq == std::string::npos) { std::fprintf(stderr, "host: %s %s: unknown symbol\n", a.c_str(), kv.c_str()); return 2; }
            (a == "--exemode" ? s->exeMode : s->filling) = (int)std::strtol(kv.substr(eq + 1).c_str(), nullptr, 10);
        } else {
            std::fprintf(stderr, "host: unknown option %s\n", a.c_str());
            return 2;
        }
    }
    if (t.chartSymbol.empty() && !t.symbols.empty()) t.chartSymbol = t.symbols[0].name;
    for (auto& kv : inputs) {
        auto it = MqlInputBase::all().find(kv.first);
        if (it == MqlInputBase::all().end()) { std::fprintf(stderr, "host: --input %s: the EA has no such input\n", kv.first.c_str()); return 2; }
        it->second(kv.second);
    }
    t.load();
    if (t.deals.empty()) seedHistory(g_history);
    addSymbolCopies(g_extraSymbols);
    init();
    t.save();
    std::string buf;
    for (;;) {
        int wait = 50;
        ulong now = host::monoMs();
        if (g_loaded && t.timerMs > 0) wait = t.nextTimer > now ? (int)std::min<ulong>(t.nextTimer - now, 50) : 0;
        if (g_feedMs > 0) wait = std::min(wait, g_nextFeed > now ? (int)(g_nextFeed - now) : 0);
        struct pollfd p = {0, POLLIN, 0};
        int rc = poll(&p, 1, wait);
        if (rc > 0) {
            char chunk[65536];
            ssize_t n = read(0, chunk, sizeof chunk);
            if (n <= 0) {   // the test went away: unload as on terminal close
                if (g_loaded) OnDeinit(REASON_CLOSE);
                return 0;
            }
            buf.append(chunk, (size_t)n);
            size_t nl;
            while ((nl = buf.find('\n')) != std::string::npos) {
                std::string line = buf.substr(0, nl);
                buf.erase(0, nl + 1);
                command(line);
                drain();
                t.save();
            }
        }
        now = host::monoMs();
        if (g_feedMs > 0 && now >= g_nextFeed) {
            g_nextFeed = now + (ulong)g_feedMs;
            feed();
            drain();
        }
        if (g_loaded && t.timerMs > 0 && now >= t.nextTimer) {
            t.nextTimer = now + (ulong)t.timerMs;
            t.enqueue(host::Event{host::Event::TIMER, {}, {}, {}});
            drain();
            t.save();
            for (; g_syncWaiting > 0; g_syncWaiting--) say("ok synced");
        } else if (!g_loaded) {
            for (; g_syncWaiting > 0; g_syncWaiting--) say("ok synced");
        }
    }
}
