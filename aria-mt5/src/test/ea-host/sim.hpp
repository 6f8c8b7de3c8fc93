// sim.hpp - MQL5's trading, market-information, account and terminal API over a small simulated
// account (one process: the "terminal" and its "trade server").
//
// Every rule is written from the MQL5 reference; the page is named beside it ("ref:", relative
// to https://www.mql5.com/en/docs). What the host does NOT model is listed in README.md.
#pragma once
#include <chrono>
#include <deque>
#include <sstream>
#include <set>
#include <sys/time.h>
#include <time.h>
#include "mql5.hpp"

// ------------------------------------------------------------------ enums, values from the reference
// ref: /constants/environment_state/accountinformation (ENUM_ACCOUNT_MARGIN_MODE)
enum ENUM_ACCOUNT_MARGIN_MODE { ACCOUNT_MARGIN_MODE_RETAIL_NETTING = 0, ACCOUNT_MARGIN_MODE_EXCHANGE = 1, ACCOUNT_MARGIN_MODE_RETAIL_HEDGING = 2 };
enum ENUM_ACCOUNT_INFO_INTEGER { ACCOUNT_LOGIN, ACCOUNT_TRADE_MODE, ACCOUNT_LEVERAGE, ACCOUNT_LIMIT_ORDERS, ACCOUNT_MARGIN_SO_MODE,
    ACCOUNT_TRADE_ALLOWED, ACCOUNT_TRADE_EXPERT, ACCOUNT_MARGIN_MODE, ACCOUNT_CURRENCY_DIGITS };
enum ENUM_ACCOUNT_INFO_DOUBLE { ACCOUNT_BALANCE, ACCOUNT_CREDIT, ACCOUNT_PROFIT, ACCOUNT_EQUITY, ACCOUNT_MARGIN, ACCOUNT_MARGIN_FREE,
    ACCOUNT_MARGIN_LEVEL };
enum ENUM_ACCOUNT_INFO_STRING { ACCOUNT_NAME, ACCOUNT_SERVER, ACCOUNT_CURRENCY, ACCOUNT_COMPANY };
// ref: /constants/environment_state/terminalstatus, /constants/environment_state/mql5_programm_info
enum ENUM_TERMINAL_INFO_INTEGER { TERMINAL_CONNECTED, TERMINAL_TRADE_ALLOWED, TERMINAL_DLLS_ALLOWED };
enum ENUM_MQL_INFO_INTEGER { MQL_DLLS_ALLOWED, MQL_TRADE_ALLOWED, MQL_TESTER };
// ref: /constants/environment_state/marketinfoconstants
enum ENUM_SYMBOL_INFO_INTEGER { SYMBOL_SELECT, SYMBOL_DIGITS, SYMBOL_SPREAD, SYMBOL_TRADE_STOPS_LEVEL, SYMBOL_TRADE_FREEZE_LEVEL,
    SYMBOL_TRADE_MODE, SYMBOL_TRADE_EXEMODE, SYMBOL_FILLING_MODE, SYMBOL_ORDER_MODE, SYMBOL_TIME };
enum ENUM_SYMBOL_INFO_DOUBLE { SYMBOL_BID, SYMBOL_ASK, SYMBOL_LAST, SYMBOL_POINT, SYMBOL_TRADE_TICK_VALUE, SYMBOL_TRADE_TICK_SIZE,
    SYMBOL_TRADE_CONTRACT_SIZE, SYMBOL_VOLUME_MIN, SYMBOL_VOLUME_MAX, SYMBOL_VOLUME_STEP, SYMBOL_VOLUME_LIMIT };
enum ENUM_SYMBOL_INFO_STRING { SYMBOL_DESCRIPTION, SYMBOL_CURRENCY_BASE, SYMBOL_CURRENCY_PROFIT, SYMBOL_CURRENCY_MARGIN, SYMBOL_PATH };
// ENUM_SYMBOL_TRADE_EXECUTION: REQUEST 0, INSTANT 1, MARKET 2, EXCHANGE 3
enum ENUM_SYMBOL_TRADE_EXECUTION { SYMBOL_TRADE_EXECUTION_REQUEST = 0, SYMBOL_TRADE_EXECUTION_INSTANT = 1,
    SYMBOL_TRADE_EXECUTION_MARKET = 2, SYMBOL_TRADE_EXECUTION_EXCHANGE = 3 };
// ENUM_SYMBOL_TRADE_MODE: DISABLED 0, LONGONLY 1, SHORTONLY 2, CLOSEONLY 3, FULL 4
enum ENUM_SYMBOL_TRADE_MODE { SYMBOL_TRADE_MODE_DISABLED = 0, SYMBOL_TRADE_MODE_LONGONLY = 1, SYMBOL_TRADE_MODE_SHORTONLY = 2,
    SYMBOL_TRADE_MODE_CLOSEONLY = 3, SYMBOL_TRADE_MODE_FULL = 4 };
// SYMBOL_FILLING_MODE flags: SYMBOL_FILLING_FOK 1, SYMBOL_FILLING_IOC 2 (SYMBOL_FILLING_BOC 4 in later builds)
#define SYMBOL_FILLING_FOK 1
#define SYMBOL_FILLING_IOC 2
#define SYMBOL_FILLING_BOC 4
// ref: /constants/tradingconstants/orderproperties
enum ENUM_ORDER_TYPE_FILLING { ORDER_FILLING_FOK = 0, ORDER_FILLING_IOC = 1, ORDER_FILLING_RETURN = 2, ORDER_FILLING_BOC = 3 };
enum ENUM_ORDER_TYPE { ORDER_TYPE_BUY = 0, ORDER_TYPE_SELL = 1, ORDER_TYPE_BUY_LIMIT = 2, ORDER_TYPE_SELL_LIMIT = 3,
    ORDER_TYPE_BUY_STOP = 4, ORDER_TYPE_SELL_STOP = 5, ORDER_TYPE_BUY_STOP_LIMIT = 6, ORDER_TYPE_SELL_STOP_LIMIT = 7, ORDER_TYPE_CLOSE_BY = 8 };
enum ENUM_ORDER_STATE { ORDER_STATE_STARTED = 0, ORDER_STATE_PLACED = 1, ORDER_STATE_CANCELED = 2, ORDER_STATE_PARTIAL = 3,
    ORDER_STATE_FILLED = 4, ORDER_STATE_REJECTED = 5, ORDER_STATE_EXPIRED = 6 };
enum ENUM_ORDER_TYPE_TIME { ORDER_TIME_GTC = 0, ORDER_TIME_DAY = 1, ORDER_TIME_SPECIFIED = 2, ORDER_TIME_SPECIFIED_DAY = 3 };
enum ENUM_ORDER_PROPERTY_INTEGER { ORDER_TICKET, ORDER_TIME_SETUP, ORDER_TYPE, ORDER_STATE, ORDER_TIME_DONE, ORDER_TIME_SETUP_MSC,
    ORDER_TIME_DONE_MSC, ORDER_TYPE_FILLING, ORDER_MAGIC, ORDER_POSITION_ID, ORDER_REASON };
enum ENUM_ORDER_PROPERTY_DOUBLE { ORDER_VOLUME_INITIAL, ORDER_VOLUME_CURRENT, ORDER_PRICE_OPEN, ORDER_SL, ORDER_TP, ORDER_PRICE_CURRENT };
enum ENUM_ORDER_PROPERTY_STRING { ORDER_SYMBOL, ORDER_COMMENT, ORDER_EXTERNAL_ID };
// ref: /constants/tradingconstants/dealproperties
enum ENUM_DEAL_TYPE { DEAL_TYPE_BUY = 0, DEAL_TYPE_SELL = 1, DEAL_TYPE_BALANCE = 2, DEAL_TYPE_CREDIT = 3, DEAL_TYPE_CHARGE = 4,
    DEAL_TYPE_CORRECTION = 5, DEAL_TYPE_BONUS = 6, DEAL_TYPE_COMMISSION = 7 };
enum ENUM_DEAL_ENTRY { DEAL_ENTRY_IN = 0, DEAL_ENTRY_OUT = 1, DEAL_ENTRY_INOUT = 2, DEAL_ENTRY_OUT_BY = 3 };
enum ENUM_DEAL_REASON { DEAL_REASON_CLIENT = 0, DEAL_REASON_MOBILE = 1, DEAL_REASON_WEB = 2, DEAL_REASON_EXPERT = 3, DEAL_REASON_SL = 4,
    DEAL_REASON_TP = 5, DEAL_REASON_SO = 6, DEAL_REASON_ROLLOVER = 7, DEAL_REASON_VMARGIN = 8, DEAL_REASON_SPLIT = 9 };
enum ENUM_DEAL_PROPERTY_INTEGER { DEAL_TICKET, DEAL_ORDER, DEAL_TIME, DEAL_TIME_MSC, DEAL_TYPE, DEAL_ENTRY, DEAL_MAGIC, DEAL_REASON,
    DEAL_POSITION_ID };
enum ENUM_DEAL_PROPERTY_DOUBLE { DEAL_VOLUME, DEAL_PRICE, DEAL_COMMISSION, DEAL_SWAP, DEAL_PROFIT, DEAL_FEE };
enum ENUM_DEAL_PROPERTY_STRING { DEAL_SYMBOL, DEAL_COMMENT, DEAL_EXTERNAL_ID };
// ref: /constants/tradingconstants/positionproperties
enum ENUM_POSITION_TYPE { POSITION_TYPE_BUY = 0, POSITION_TYPE_SELL = 1 };
enum ENUM_POSITION_PROPERTY_INTEGER { POSITION_TICKET, POSITION_TIME, POSITION_TIME_MSC, POSITION_TIME_UPDATE, POSITION_TIME_UPDATE_MSC,
    POSITION_TYPE, POSITION_MAGIC, POSITION_IDENTIFIER, POSITION_REASON };
enum ENUM_POSITION_PROPERTY_DOUBLE { POSITION_VOLUME, POSITION_PRICE_OPEN, POSITION_SL, POSITION_TP, POSITION_PRICE_CURRENT, POSITION_SWAP,
    POSITION_PROFIT };
enum ENUM_POSITION_PROPERTY_STRING { POSITION_SYMBOL, POSITION_COMMENT, POSITION_EXTERNAL_ID };
// ref: /constants/tradingconstants/enum_trade_request_actions
enum ENUM_TRADE_REQUEST_ACTIONS { TRADE_ACTION_DEAL = 1, TRADE_ACTION_PENDING = 5, TRADE_ACTION_SLTP = 6, TRADE_ACTION_MODIFY = 7,
    TRADE_ACTION_REMOVE = 8, TRADE_ACTION_CLOSE_BY = 10 };
// ref: /constants/tradingconstants/enum_trade_transaction_type
enum ENUM_TRADE_TRANSACTION_TYPE { TRADE_TRANSACTION_ORDER_ADD = 0, TRADE_TRANSACTION_ORDER_UPDATE = 1, TRADE_TRANSACTION_ORDER_DELETE = 2,
    TRADE_TRANSACTION_HISTORY_ADD = 3, TRADE_TRANSACTION_HISTORY_UPDATE = 4, TRADE_TRANSACTION_HISTORY_DELETE = 5,
    TRADE_TRANSACTION_DEAL_ADD = 6, TRADE_TRANSACTION_DEAL_UPDATE = 7, TRADE_TRANSACTION_DEAL_DELETE = 8,
    TRADE_TRANSACTION_POSITION = 9, TRADE_TRANSACTION_REQUEST = 10 };
// ref: /constants/errorswarnings/enum_trade_return_codes
#define TRADE_RETCODE_REQUOTE 10004
#define TRADE_RETCODE_REJECT 10006
#define TRADE_RETCODE_PLACED 10008
#define TRADE_RETCODE_DONE 10009
#define TRADE_RETCODE_DONE_PARTIAL 10010
#define TRADE_RETCODE_ERROR 10011
#define TRADE_RETCODE_TIMEOUT 10012
#define TRADE_RETCODE_INVALID 10013
#define TRADE_RETCODE_INVALID_VOLUME 10014
#define TRADE_RETCODE_INVALID_PRICE 10015
#define TRADE_RETCODE_INVALID_STOPS 10016
#define TRADE_RETCODE_TRADE_DISABLED 10017
#define TRADE_RETCODE_MARKET_CLOSED 10018
#define TRADE_RETCODE_NO_MONEY 10019
#define TRADE_RETCODE_PRICE_CHANGED 10020
#define TRADE_RETCODE_PRICE_OFF 10021
#define TRADE_RETCODE_CLIENT_DISABLES_AT 10027
#define TRADE_RETCODE_INVALID_FILL 10030
#define TRADE_RETCODE_CONNECTION 10031
#define TRADE_RETCODE_POSITION_CLOSED 10036
#define TRADE_RETCODE_INVALID_CLOSE_VOLUME 10038
#define TRADE_RETCODE_LIMIT_VOLUME 10034
// ref: /constants/chartconstants/enum_timeframes
enum ENUM_TIMEFRAMES { PERIOD_CURRENT = 0, PERIOD_M1 = 1, PERIOD_M5 = 5, PERIOD_M15 = 15, PERIOD_M30 = 30, PERIOD_H1 = 16385,
    PERIOD_H4 = 16388, PERIOD_D1 = 16408, PERIOD_W1 = 32769, PERIOD_MN1 = 49153 };
// ref: /constants/environment_state/marketinfoconstants (ENUM_DAY_OF_WEEK)
enum ENUM_DAY_OF_WEEK { SUNDAY = 0, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY };
// ref: /series/copyticks: COPY_TICKS_ALL -1, COPY_TICKS_INFO 1, COPY_TICKS_TRADE 2; tick flags
#define COPY_TICKS_ALL -1
#define COPY_TICKS_INFO 1
#define COPY_TICKS_TRADE 2
#define TICK_FLAG_BID 2
#define TICK_FLAG_ASK 4
#define TICK_FLAG_LAST 8
#define TICK_FLAG_VOLUME 16
// ref: /basis/function/events (OnInit return codes), /constants/namedconstants/uninit (OnDeinit reasons)
enum ENUM_INIT_RETCODE { INIT_SUCCEEDED = 0, INIT_FAILED = 1, INIT_PARAMETERS_INCORRECT = 2, INIT_AGENT_NOT_SUITABLE = 3 };
#define REASON_PROGRAM 0
#define REASON_REMOVE 1
#define REASON_RECOMPILE 2
#define REASON_CHARTCHANGE 3
#define REASON_CHARTCLOSE 4
#define REASON_PARAMETERS 5
#define REASON_ACCOUNT 6
#define REASON_INITFAILED 8
#define REASON_CLOSE 9

// ------------------------------------------------------------------ structures (ref: /constants/structures)
struct MqlTick {
    datetime time = 0; double bid = 0, ask = 0, last = 0; ulong volume = 0; long time_msc = 0; uint flags = 0; double volume_real = 0;
};
struct MqlRates {
    datetime time = 0; double open = 0, high = 0, low = 0, close = 0; long tick_volume = 0; int spread = 0; long real_volume = 0;
};
struct MqlTradeRequest {
    ENUM_TRADE_REQUEST_ACTIONS action = (ENUM_TRADE_REQUEST_ACTIONS)0; ulong magic = 0; ulong order = 0; string symbol; double volume = 0;
    double price = 0, stoplimit = 0, sl = 0, tp = 0; ulong deviation = 0; ENUM_ORDER_TYPE type = ORDER_TYPE_BUY;
    ENUM_ORDER_TYPE_FILLING type_filling = ORDER_FILLING_FOK; ENUM_ORDER_TYPE_TIME type_time = ORDER_TIME_GTC; datetime expiration = 0;
    string comment; ulong position = 0; ulong position_by = 0;
};
struct MqlTradeResult {
    uint retcode = 0; ulong deal = 0; ulong order = 0; double volume = 0, price = 0, bid = 0, ask = 0; string comment; uint request_id = 0;
    int retcode_external = 0;
};
struct MqlTradeTransaction {
    ulong deal = 0; ulong order = 0; string symbol; ENUM_TRADE_TRANSACTION_TYPE type = TRADE_TRANSACTION_ORDER_ADD;
    ENUM_ORDER_TYPE order_type = ORDER_TYPE_BUY; ENUM_ORDER_STATE order_state = ORDER_STATE_STARTED; ENUM_DEAL_TYPE deal_type = DEAL_TYPE_BUY;
    ENUM_ORDER_TYPE_TIME time_type = ORDER_TIME_GTC; datetime time_expiration = 0; double price = 0, price_trigger = 0, price_sl = 0,
    price_tp = 0, volume = 0; ulong position = 0; ulong position_by = 0;
};

// ------------------------------------------------------------------ the simulated terminal
namespace host {

inline long realUtcMs() {
    struct timeval tv;
    gettimeofday(&tv, nullptr);
    return (long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}
inline ulong monoMs() {
    return (ulong)std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Session { int day; int from_s; int to_s; };
struct Sym {
    std::string name, description, base, profit, margin;
    int digits = 5; double point = 0.00001, tickSize = 0.00001, contract = 100000, vmin = 0.01, vmax = 100, vstep = 0.01, vlimit = 0;
    int stopsLevel = 10, freezeLevel = 0, tradeMode = SYMBOL_TRADE_MODE_FULL, exeMode = SYMBOL_TRADE_EXECUTION_MARKET;
    int filling = SYMBOL_FILLING_FOK | SYMBOL_FILLING_IOC;
    bool selected = false;
    long syncMs = 0;            // --unsynced: the terminal needs this long to synchronise the symbol's ticks
    ulong syncStart = 0;        // when it started (0: not yet)
    std::vector<Session> sessions;
    std::vector<MqlTick> ticks;   // the terminal's tick database, oldest first
    MqlTick last;
    bool hasTick = false;
};
struct Position {
    ulong ticket = 0, identifier = 0; std::string symbol; int type = POSITION_TYPE_BUY; double volume = 0, priceOpen = 0, sl = 0, tp = 0;
    long magic = 0; std::string comment; long timeMsc = 0, updateMsc = 0; double marginAcc = 0;
};
struct Deal {
    ulong ticket = 0, order = 0, positionId = 0; std::string symbol; int type = DEAL_TYPE_BUY, entry = DEAL_ENTRY_IN, reason = DEAL_REASON_EXPERT;
    double volume = 0, price = 0, profit = 0, commission = 0, swap = 0; long magic = 0; std::string comment; long timeMsc = 0;
};
struct Order {
    ulong ticket = 0; std::string symbol; int type = ORDER_TYPE_BUY, state = ORDER_STATE_FILLED, filling = ORDER_FILLING_FOK, reason = 3;
    double volumeInitial = 0, volumeCurrent = 0, priceOpen = 0, sl = 0, tp = 0; long magic = 0; std::string comment;
    long setupMsc = 0, doneMsc = 0; ulong positionId = 0;
};
struct Event {
    enum Kind { TIMER, TICK, TRADE } kind;
    MqlTradeTransaction trans; MqlTradeRequest request; MqlTradeResult result;
};
struct Fault {
    int retcode = 0;        // the next OrderSend answers this
    bool traded = false;    // ... and the deal happens on the server anyway (10012 after a fill)
};

struct Terminal {
    // account (ref: /constants/environment_state/accountinformation)
    long login = 51234567; std::string server = "Host-Demo", company = "ARIA EA host", name = "EA host", currency = "USD";
    long leverage = 100; int marginMode = ACCOUNT_MARGIN_MODE_RETAIL_NETTING; double balance = 100000;
    bool tradeAllowed = true, tradeExpert = true, connected = true, terminalTradeAllowed = true, dllsAllowed = true, mqlTradeAllowed = true;
    long serverOffsetS = 0;         // trade server time minus UTC
    long pcClockSkewMs = 0;         // the PC clock (TimeGMT, GetSystemTimeAsFileTime) minus the true time

    std::vector<Sym> symbols;
    std::vector<Position> positions;         // in opening order
    std::vector<Deal> deals;                 // the account history, oldest first
    std::vector<Order> historyOrders;
    std::vector<Order> activeOrders;
    ulong nextOrder = 1000, nextDeal = 5000;

    // selections of the running MQL program (ref: /trading: the program works on copies)
    bool posSelected = false; Position posSel;
    bool ordSelected = false; Order ordSel;
    std::vector<ulong> histDeals, histOrders;   // the current history selection

    std::deque<Event> queue;
    size_t txQueueLimit = 1024;      // ref: /event_handlers/ontradetransaction: the queue holds 1024 transactions
    long droppedTransactions = 0;
    int dropNextDealAdds = 0;
    int failHistorySelects = 0;
    std::vector<Fault> faults;
    std::string chartSymbol;
    int timerMs = 0;
    ulong nextTimer = 0;
    std::string sandbox = ".";
    long blockedMs = 0;             // time the EA's thread waited inside a blocking call (CopyTicks on an unsynchronised symbol)
    std::string stateFile;          // --state: the trade server's state survives a restart of the process
    long version = 0, savedVersion = -1;

    // the trade server's state is durable at once (a reply can reach the client before the
    // terminal process dies): every change is saved when --state is given
    void changed() { version++; save(); }

    // ---- persistence of the server side (not of the EA): one line per record, the comment last
    void save() {
        if (stateFile.empty() || version == savedVersion) return;
        std::string tmp = stateFile + ".tmp";
        FILE* f = std::fopen(tmp.c_str(), "w");
        if (f == nullptr) return;
        std::fprintf(f, "balance %.17g\nnext %lu %lu\n", balance, nextOrder, nextDeal);
        for (auto& x : symbols)
            if (x.hasTick) std::fprintf(f, "tick %s %.17g %.17g %ld\n", x.name.c_str(), x.last.bid, x.last.ask, x.last.time_msc);
        for (auto& p : positions)
            std::fprintf(f, "pos %lu %lu %s %d %.17g %.17g %.17g %.17g %ld %ld %ld %.17g %s\n", p.ticket, p.identifier, p.symbol.c_str(), p.type,
                         p.volume, p.priceOpen, p.sl, p.tp, p.magic, p.timeMsc, p.updateMsc, p.marginAcc, p.comment.c_str());
        for (auto& d : deals)
            std::fprintf(f, "deal %lu %lu %lu %s %d %d %d %.17g %.17g %.17g %ld %ld %s\n", d.ticket, d.order, d.positionId, d.symbol.c_str(), d.type,
                         d.entry, d.reason, d.volume, d.price, d.profit, d.magic, d.timeMsc, d.comment.c_str());
        for (int active = 0; active < 2; active++)
            for (auto& o : active ? activeOrders : historyOrders)
                std::fprintf(f, "%s %lu %s %d %d %d %d %.17g %.17g %.17g %.17g %.17g %ld %ld %ld %lu %s\n", active ? "active" : "order", o.ticket,
                             o.symbol.c_str(), o.type, o.state, o.filling, o.reason, o.volumeInitial, o.volumeCurrent, o.priceOpen, o.sl, o.tp,
                             o.magic, o.setupMsc, o.doneMsc, o.positionId, o.comment.c_str());
        std::fclose(f);
        std::rename(tmp.c_str(), stateFile.c_str());
        savedVersion = version;
    }
    static std::string rest(std::istringstream& in) {
        std::string r;
        std::getline(in, r);
        if (!r.empty() && r[0] == ' ') r.erase(0, 1);
        return r;
    }
    void load() {
        FILE* f = stateFile.empty() ? nullptr : std::fopen(stateFile.c_str(), "r");
        if (f == nullptr) return;
        char buf[4096];
        while (std::fgets(buf, sizeof buf, f)) {
            std::string line(buf);
            if (!line.empty() && line.back() == '\n') line.pop_back();
            std::istringstream in(line);
            std::string k;
            in >> k;
            if (k == "balance") in >> balance;
            else if (k == "next") in >> nextOrder >> nextDeal;
            else if (k == "tick") {
                std::string n; MqlTick t; in >> n >> t.bid >> t.ask >> t.time_msc;
                t.time = t.time_msc / 1000; t.flags = TICK_FLAG_BID | TICK_FLAG_ASK;
                if (Sym* s = sym(n)) { s->last = t; s->hasTick = true; s->ticks.push_back(t); }
            } else if (k == "pos") {
                Position p; in >> p.ticket >> p.identifier >> p.symbol >> p.type >> p.volume >> p.priceOpen >> p.sl >> p.tp >> p.magic >> p.timeMsc
                               >> p.updateMsc >> p.marginAcc;
                p.comment = rest(in); positions.push_back(p);
            } else if (k == "deal") {
                Deal d; in >> d.ticket >> d.order >> d.positionId >> d.symbol >> d.type >> d.entry >> d.reason >> d.volume >> d.price >> d.profit
                           >> d.magic >> d.timeMsc;
                d.comment = rest(in); deals.push_back(d);
            } else if (k == "order" || k == "active") {
                Order o; in >> o.ticket >> o.symbol >> o.type >> o.state >> o.filling >> o.reason >> o.volumeInitial >> o.volumeCurrent >> o.priceOpen
                            >> o.sl >> o.tp >> o.magic >> o.setupMsc >> o.doneMsc >> o.positionId;
                o.comment = rest(in);
                (k == "active" ? activeOrders : historyOrders).push_back(o);
            }
        }
        std::fclose(f);
        savedVersion = version;
    }
    // a broker that rewrites comments (seen with some bridges' servers): every comment becomes "#<ticket>"
    void rewriteComments() {
        for (auto& p : positions) p.comment = "#" + std::to_string(p.ticket);
        for (auto& d : deals) d.comment = "#" + std::to_string(d.order);
        for (auto& o : historyOrders) o.comment = "#" + std::to_string(o.ticket);
        for (auto& o : activeOrders) o.comment = "#" + std::to_string(o.ticket);
        changed();
    }

    Sym* sym(const std::string& n) { for (auto& s : symbols) if (s.name == n) return &s; return nullptr; }
    long utcNowMs() { return realUtcMs(); }
    long serverNowMs() { return utcNowMs() + serverOffsetS * 1000; }

    double rateToAccount(const std::string& ccy) {
        if (ccy == currency) return 1.0;
        for (auto& s : symbols) {
            if (!s.hasTick) continue;
            if (s.base == ccy && s.profit == currency) return (s.last.bid + s.last.ask) / 2;
            if (s.base == currency && s.profit == ccy) return 2 / (s.last.bid + s.last.ask);
        }
        return 1.0;
    }
    double positionProfit(const Position& p) {
        Sym* s = sym(p.symbol);
        if (s == nullptr || !s->hasTick) return 0;
        double close = p.type == POSITION_TYPE_BUY ? s->last.bid : s->last.ask;
        double diff = p.type == POSITION_TYPE_BUY ? close - p.priceOpen : p.priceOpen - close;
        return diff * p.volume * s->contract * rateToAccount(s->profit);
    }
    // ref: /constants/environment_state/marketinfoconstants#enum_symbol_calc_mode (FOREX: lots * contract / leverage, in the
    // margin currency, converted to the account currency)
    double marginFor(const Sym& s, double volume, double price) {
        double m = volume * s.contract / (double)leverage;
        if (s.margin == currency) return m;
        if (s.base == s.margin && s.profit == currency) return m * price;
        return m * rateToAccount(s.margin);
    }
    double profitSum() { double p = 0; for (auto& x : positions) p += positionProfit(x); return p; }
    double marginSum() { double m = 0; for (auto& x : positions) m += x.marginAcc; return m; }
    double equity() { return balance + profitSum(); }

    bool holdTransactions = false;   // transactions reach the terminal late (held until released)
    std::deque<Event> held;
    void releaseTransactions() {
        holdTransactions = false;
        std::deque<Event> h;
        h.swap(held);
        for (auto& e : h) enqueue(e);
    }
    void enqueue(Event e) {
        if (e.kind == Event::TRADE && holdTransactions) { held.push_back(e); return; }
        if (e.kind == Event::TRADE) {
            size_t n = 0;
            for (auto& q : queue) if (q.kind == Event::TRADE) n++;
            if (n >= txQueueLimit) { droppedTransactions++; return; }
            if (e.trans.type == TRADE_TRANSACTION_DEAL_ADD && dropNextDealAdds > 0) { dropNextDealAdds--; droppedTransactions++; return; }
        } else {
            // ref: /event_handlers/ontimer, /event_handlers/ontick: a Timer or NewTick event is not queued while one is waiting
            for (auto& q : queue) if (q.kind == e.kind) return;
        }
        queue.push_back(e);
    }
    void transaction(ENUM_TRADE_TRANSACTION_TYPE type, const Order& o, const Deal* d) {
        Event e{Event::TRADE, {}, {}, {}};
        e.trans.type = type;
        e.trans.order = o.ticket;
        e.trans.symbol = string(o.symbol.c_str());
        e.trans.order_type = (ENUM_ORDER_TYPE)o.type;
        e.trans.order_state = (ENUM_ORDER_STATE)o.state;
        if (d != nullptr) {
            e.trans.deal = d->ticket;
            e.trans.deal_type = (ENUM_DEAL_TYPE)d->type;
            e.trans.price = d->price;
            e.trans.volume = d->volume;
            e.trans.position = d->positionId;
        }
        enqueue(e);
    }

    bool sessionOpen(const Sym& s, long serverMs) {
        if (s.sessions.empty()) return true;
        long secs = serverMs / 1000;
        int day = (int)(((secs / 86400) + 4) % 7);   // 1970-01-01 was a Thursday
        int sod = (int)(secs % 86400);
        for (auto& x : s.sessions) if (x.day == day && sod >= x.from_s && sod < x.to_s) return true;
        return false;
    }

    // Books a deal on the account: netting nets by symbol (one position per symbol; an opposite
    // deal larger than the position reverses it, DEAL_ENTRY_INOUT), hedging opens a position per
    // deal unless the request names one (ref: /trading/ordersend, "Position accounting" in
    // /constants/environment_state/accountinformation and the MetaTrader 5 help "Netting and hedging").
    Deal book(Sym& s, int side, double volume, double price, ulong positionTicket, double sl, double tp, long magic,
              const std::string& comment, ulong order, int reason) {
        version++;
        Deal d;
        d.ticket = nextDeal++;
        d.order = order;
        d.symbol = s.name;
        d.type = side == ORDER_TYPE_BUY ? DEAL_TYPE_BUY : DEAL_TYPE_SELL;
        d.reason = reason;
        d.volume = volume;
        d.price = price;
        d.magic = magic;
        d.comment = comment;
        d.timeMsc = serverNowMs();
        int ptype = side == ORDER_TYPE_BUY ? POSITION_TYPE_BUY : POSITION_TYPE_SELL;
        Position* target = nullptr;
        if (marginMode == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING) {
            if (positionTicket != 0) for (auto& p : positions) if (p.ticket == positionTicket) target = &p;
        } else {
            for (auto& p : positions) if (p.symbol == s.name) target = &p;
        }
        if (target == nullptr || target->type == ptype) {
            if (target == nullptr) {
                Position p;
                p.ticket = p.identifier = order;
                p.symbol = s.name;
                p.type = ptype;
                p.volume = volume;
                p.priceOpen = price;
                p.sl = sl;
                p.tp = tp;
                p.magic = magic;
                p.comment = comment;
                p.timeMsc = p.updateMsc = d.timeMsc;
                p.marginAcc = marginFor(s, volume, price);
                positions.push_back(p);
                d.positionId = p.identifier;
            } else {
                double v = target->volume + volume;
                target->priceOpen = (target->priceOpen * target->volume + price * volume) / v;
                target->volume = v;
                target->marginAcc += marginFor(s, volume, price);
                if (sl > 0 || tp > 0) { target->sl = sl; target->tp = tp; }
                target->updateMsc = d.timeMsc;
                d.positionId = target->identifier;
            }
            d.entry = DEAL_ENTRY_IN;
        } else {
            d.positionId = target->identifier;
            double closed = std::min(volume, target->volume);
            double diff = target->type == POSITION_TYPE_BUY ? price - target->priceOpen : target->priceOpen - price;
            d.profit = std::round(diff * closed * s.contract * rateToAccount(s.profit) * 100) / 100;
            balance += d.profit;
            double rest = target->volume - closed;
            double over = volume - closed;
            if (rest > 1e-9) {
                target->marginAcc *= rest / target->volume;
                target->volume = rest;
                target->updateMsc = d.timeMsc;
                d.entry = DEAL_ENTRY_OUT;
            } else if (over > 1e-9) {
                // netting reversal: the same position turns, its identifier stays and its ticket
                // becomes the reversing order's (ref: /constants/tradingconstants/positionproperties,
                // POSITION_IDENTIFIER: "When reversing a position in netting mode (using a single
                // in/out trade), POSITION_IDENTIFIER does not change. However, POSITION_TICKET is
                // replaced with the ticket of the order that led to the reversal.")
                target->ticket = order;
                target->type = ptype;
                target->volume = over;
                target->priceOpen = price;
                target->sl = sl;
                target->tp = tp;
                target->marginAcc = marginFor(s, over, price);
                target->updateMsc = d.timeMsc;
                d.entry = DEAL_ENTRY_INOUT;
            } else {
                ulong t = target->ticket;
                positions.erase(std::remove_if(positions.begin(), positions.end(), [t](const Position& p) { return p.ticket == t; }),
                                positions.end());
                d.entry = DEAL_ENTRY_OUT;
            }
        }
        deals.push_back(d);
        return d;
    }

    // Market order on the server: the order is added, filled, moved to the history; the
    // transactions follow (ref: /trading/ordersendasync: "when sending a market buy order, it is
    // handled, an appropriate buy order is created for the account, the order is then executed
    // and removed from the list of the open ones, then it is added to the orders history, an
    // appropriate deal is added to the history and a new position is created").
    Deal executeMarket(Sym& s, int side, double volume, double price, ulong positionTicket, double sl, double tp, long magic,
                       const std::string& comment, int filling, int reason, ulong* orderOut) {
        Order o;
        o.ticket = nextOrder++;
        o.symbol = s.name;
        o.type = side;
        o.state = ORDER_STATE_FILLED;
        o.filling = filling;
        o.reason = reason;
        o.volumeInitial = volume;
        o.volumeCurrent = 0;
        o.priceOpen = price;
        o.sl = sl;
        o.tp = tp;
        o.magic = magic;
        o.comment = comment;
        o.setupMsc = o.doneMsc = serverNowMs();
        Deal d = book(s, side, volume, price, positionTicket, sl, tp, magic, comment, o.ticket, reason);
        o.positionId = d.positionId;
        historyOrders.push_back(o);
        Order placed = o;
        placed.state = ORDER_STATE_STARTED;
        transaction(TRADE_TRANSACTION_ORDER_ADD, placed, nullptr);
        transaction(TRADE_TRANSACTION_DEAL_ADD, o, &d);
        transaction(TRADE_TRANSACTION_ORDER_DELETE, o, nullptr);
        transaction(TRADE_TRANSACTION_HISTORY_ADD, o, nullptr);
        if (orderOut) *orderOut = o.ticket;
        changed();
        return d;
    }

    // A quote reaches the terminal: the tick database grows, then the server checks the stops of
    // the symbol's positions (ref: the MetaTrader 5 help, "Stop Loss and Take Profit": a buy's
    // stops trigger on the Bid, a sell's on the Ask; the position closes at the market price).
    bool quote(const std::string& name, double bid, double ask, long timeMsc) {
        Sym* s = sym(name);
        if (s == nullptr) return false;
        version++;
        MqlTick t;
        t.bid = bid;
        t.ask = ask;
        t.time_msc = timeMsc;
        t.time = timeMsc / 1000;
        t.flags = (uint)((!s->hasTick || bid != s->last.bid ? TICK_FLAG_BID : 0) | (!s->hasTick || ask != s->last.ask ? TICK_FLAG_ASK : 0));
        t.last = s->last.last;
        s->ticks.push_back(t);
        s->last = t;
        s->hasTick = true;
        std::vector<Position> snapshot = positions;
        for (auto& p : snapshot) {
            if (p.symbol != name) continue;
            bool buy = p.type == POSITION_TYPE_BUY;
            double mark = buy ? bid : ask;
            int reason = -1;
            if (p.sl > 0 && (buy ? mark <= p.sl : mark >= p.sl)) reason = DEAL_REASON_SL;
            else if (p.tp > 0 && (buy ? mark >= p.tp : mark <= p.tp)) reason = DEAL_REASON_TP;
            if (reason < 0) continue;
            char c[64];
            std::snprintf(c, sizeof c, "[%s %.*f]", reason == DEAL_REASON_SL ? "sl" : "tp", s->digits, reason == DEAL_REASON_SL ? p.sl : p.tp);
            executeMarket(*s, buy ? ORDER_TYPE_SELL : ORDER_TYPE_BUY, p.volume, mark, p.ticket, 0, 0, p.magic, c, ORDER_FILLING_FOK,
                          reason, nullptr);
        }
        if (name == chartSymbol) enqueue(Event{Event::TICK, {}, {}, {}});
        changed();
        return (t.flags & (TICK_FLAG_BID | TICK_FLAG_ASK)) != 0;
    }

    // The server compares the request's numbers as sent: a volume must be an exact multiple of
    // SYMBOL_VOLUME_STEP as a decimal (0.1 + 0.2 = 0.30000000000000004 is not 0.3) and a price must
    // have SYMBOL_DIGITS decimals on the SYMBOL_TRADE_TICK_SIZE grid (ref: /convert/normalizedouble:
    // "prices ... must be normalized"; unnormalized values are refused).
    bool volumeValid(const Sym& s, double v) {
        if (!(v > 0) || v < s.vmin - 1e-12 || v > s.vmax + 1e-12) return false;
        double k = std::round(v / s.vstep);
        double exact = std::round(k * s.vstep * 1e8) / 1e8;
        return v == exact;
    }
    bool priceValid(const Sym& s, double p) {
        if (p == 0) return true;
        double pw = std::pow(10.0, s.digits);
        if (p != std::round(p * pw) / pw) return false;
        double k = p / s.tickSize;
        return std::fabs(k - std::round(k)) < 1e-6;
    }
};

inline Terminal& T() { static Terminal t; return t; }

}  // namespace host
