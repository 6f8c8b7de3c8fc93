// api.hpp - the MQL5 built-in functions the EA calls, over host::T() (sim.hpp), and the
// functions it imports from libzmq.dll and kernel32.dll (#import blocks), with their MQL5
// signatures. ref: lines name the reference page (https://www.mql5.com/en/docs/...).
#pragma once
#include <unistd.h>
#include "sim.hpp"

using host::T;

inline std::string S(const string& s) { return s.utf8(); }
inline string M(const std::string& s) { return string(s.c_str()); }

// ------------------------------------------------------------------ time (ref: /dateandtime)
// TimeGMT: from the PC clock; TimeTradeServer: the server time computed in the terminal from
// the PC clock and the server's offset; TimeCurrent: the last known server time (last quote).
inline datetime TimeGMT() { return (datetime)((T().utcNowMs() + T().pcClockSkewMs) / 1000); }
inline datetime TimeTradeServer() { return TimeGMT() + (datetime)T().serverOffsetS; }
inline datetime TimeCurrent() {
    long last = 0;
    for (auto& s : T().symbols) if (s.hasTick) last = std::max(last, s.last.time_msc);
    return last > 0 ? (datetime)(last / 1000) : TimeTradeServer();
}
inline uint GetTickCount() { return (uint)host::monoMs(); }
inline ulong GetTickCount64() { return host::monoMs(); }
// ref: /eventfunctions/eventsetmillisecondtimer
inline bool EventSetMillisecondTimer(int ms) {
    if (ms <= 0) { mql_last_error() = ERR_INVALID_PARAMETER; return false; }
    T().timerMs = ms;
    T().nextTimer = host::monoMs() + (ulong)ms;
    return true;
}
inline bool EventSetTimer(int seconds) { return EventSetMillisecondTimer(seconds * 1000); }
inline void EventKillTimer() { T().timerMs = 0; }

// ------------------------------------------------------------------ program and terminal
inline long MQLInfoInteger(ENUM_MQL_INFO_INTEGER p) {
    switch (p) {
        case MQL_DLLS_ALLOWED: return T().dllsAllowed;
        case MQL_TRADE_ALLOWED: return T().mqlTradeAllowed;
        case MQL_TESTER: return 0;
    }
    return 0;
}
inline long TerminalInfoInteger(ENUM_TERMINAL_INFO_INTEGER p) {
    switch (p) {
        case TERMINAL_CONNECTED: return T().connected;
        case TERMINAL_TRADE_ALLOWED: return T().terminalTradeAllowed;
        case TERMINAL_DLLS_ALLOWED: return T().dllsAllowed;
    }
    return 0;
}

// ------------------------------------------------------------------ account (ref: /account)
inline long AccountInfoInteger(ENUM_ACCOUNT_INFO_INTEGER p) {
    auto& t = T();
    switch (p) {
        case ACCOUNT_LOGIN: return t.login;
        case ACCOUNT_LEVERAGE: return t.leverage;
        case ACCOUNT_TRADE_ALLOWED: return t.tradeAllowed;
        case ACCOUNT_TRADE_EXPERT: return t.tradeExpert;
        case ACCOUNT_MARGIN_MODE: return t.marginMode;
        case ACCOUNT_CURRENCY_DIGITS: return 2;
        default: return 0;
    }
}
inline double AccountInfoDouble(ENUM_ACCOUNT_INFO_DOUBLE p) {
    auto& t = T();
    switch (p) {
        case ACCOUNT_BALANCE: return t.balance;
        case ACCOUNT_PROFIT: return t.profitSum();
        case ACCOUNT_EQUITY: return t.equity();
        case ACCOUNT_MARGIN: return t.marginSum();
        case ACCOUNT_MARGIN_FREE: return t.equity() - t.marginSum();
        case ACCOUNT_MARGIN_LEVEL: return t.marginSum() > 0 ? t.equity() / t.marginSum() * 100 : 0;
        default: return 0;
    }
}
inline string AccountInfoString(ENUM_ACCOUNT_INFO_STRING p) {
    auto& t = T();
    switch (p) {
        case ACCOUNT_NAME: return M(t.name);
        case ACCOUNT_SERVER: return M(t.server);
        case ACCOUNT_CURRENCY: return M(t.currency);
        case ACCOUNT_COMPANY: return M(t.company);
    }
    return string(u"");
}

// ------------------------------------------------------------------ market information (ref: /marketinformation)
// ref: /marketinformation/symbolissynchronized: whether the symbol's data in the terminal are
// synchronised with the trade server; the terminal synchronises in the background once the
// symbol is selected or asked for.
inline bool mql_synced(host::Sym& s) {
    if (s.syncMs <= 0) return true;
    ulong now = host::monoMs();
    if (s.syncStart == 0) s.syncStart = now;
    if ((long)(now - s.syncStart) >= s.syncMs) { s.syncMs = 0; return true; }
    return false;
}

inline int SymbolsTotal(bool selected) {
    int n = 0;
    for (auto& s : T().symbols) if (!selected || s.selected) n++;
    return n;
}
inline string SymbolName(int pos, bool selected) {
    int n = 0;
    for (auto& s : T().symbols) if (!selected || s.selected) { if (n == pos) return M(s.name); n++; }
    mql_last_error() = ERR_MARKET_UNKNOWN_SYMBOL;
    return string(u"");
}
inline bool SymbolExist(const string& name, bool& is_custom) {
    is_custom = false;
    return T().sym(S(name)) != nullptr;
}
// ref: /marketinformation/symbolselect: a symbol with open positions cannot be removed from Market Watch
inline bool SymbolSelect(const string& name, bool select) {
    host::Sym* s = T().sym(S(name));
    if (s == nullptr) { mql_last_error() = ERR_MARKET_UNKNOWN_SYMBOL; return false; }
    if (!select) for (auto& p : T().positions) if (p.symbol == s->name) return false;
    s->selected = select;
    if (select) mql_synced(*s);   // starts the background synchronisation
    return true;
}
inline bool mql_sym_int(const host::Sym& s, ENUM_SYMBOL_INFO_INTEGER p, long& v) {
    switch (p) {
        case SYMBOL_SELECT: v = s.selected; return true;
        case SYMBOL_DIGITS: v = s.digits; return true;
        case SYMBOL_SPREAD: v = s.hasTick ? (long)std::lround((s.last.ask - s.last.bid) / s.point) : 0; return true;
        case SYMBOL_TRADE_STOPS_LEVEL: v = s.stopsLevel; return true;
        case SYMBOL_TRADE_FREEZE_LEVEL: v = s.freezeLevel; return true;
        case SYMBOL_TRADE_MODE: v = s.tradeMode; return true;
        case SYMBOL_TRADE_EXEMODE: v = s.exeMode; return true;
        case SYMBOL_FILLING_MODE: v = s.filling; return true;
        case SYMBOL_ORDER_MODE: v = 127; return true;
        case SYMBOL_TIME: v = s.hasTick ? s.last.time : 0; return true;
    }
    return false;
}
inline long SymbolInfoInteger(const string& name, ENUM_SYMBOL_INFO_INTEGER p) {
    host::Sym* s = T().sym(S(name));
    long v = 0;
    if (s == nullptr) { mql_last_error() = ERR_MARKET_UNKNOWN_SYMBOL; return 0; }
    mql_sym_int(*s, p, v);
    return v;
}
inline bool SymbolInfoInteger(const string& name, ENUM_SYMBOL_INFO_INTEGER p, long& v) {
    host::Sym* s = T().sym(S(name));
    if (s == nullptr) { mql_last_error() = ERR_MARKET_UNKNOWN_SYMBOL; return false; }
    return mql_sym_int(*s, p, v);
}
inline double SymbolInfoDouble(const string& name, ENUM_SYMBOL_INFO_DOUBLE p) {
    host::Sym* s = T().sym(S(name));
    if (s == nullptr) { mql_last_error() = ERR_MARKET_UNKNOWN_SYMBOL; return 0; }
    switch (p) {
        case SYMBOL_BID: return s->last.bid;
        case SYMBOL_ASK: return s->last.ask;
        case SYMBOL_LAST: return s->last.last;
        case SYMBOL_POINT: return s->point;
        case SYMBOL_TRADE_TICK_VALUE: return s->tickSize * s->contract * T().rateToAccount(s->profit);
        case SYMBOL_TRADE_TICK_SIZE: return s->tickSize;
        case SYMBOL_TRADE_CONTRACT_SIZE: return s->contract;
        case SYMBOL_VOLUME_MIN: return s->vmin;
        case SYMBOL_VOLUME_MAX: return s->vmax;
        case SYMBOL_VOLUME_STEP: return s->vstep;
        case SYMBOL_VOLUME_LIMIT: return s->vlimit;
    }
    return 0;
}
inline string SymbolInfoString(const string& name, ENUM_SYMBOL_INFO_STRING p) {
    host::Sym* s = T().sym(S(name));
    if (s == nullptr) { mql_last_error() = ERR_MARKET_UNKNOWN_SYMBOL; return string(u""); }
    switch (p) {
        case SYMBOL_DESCRIPTION: return M(s->description);
        case SYMBOL_CURRENCY_BASE: return M(s->base);
        case SYMBOL_CURRENCY_PROFIT: return M(s->profit);
        case SYMBOL_CURRENCY_MARGIN: return M(s->margin);
        case SYMBOL_PATH: return M("Forex\\" + s->name);
    }
    return string(u"");
}
// ref: /marketinformation/symbolinfotick: the current prices (false when the symbol has none yet)
inline bool SymbolInfoTick(const string& name, MqlTick& tick) {
    host::Sym* s = T().sym(S(name));
    if (s == nullptr) { mql_last_error() = ERR_MARKET_UNKNOWN_SYMBOL; return false; }
    if (!s->hasTick) return false;
    tick = s->last;
    return true;
}
// ref: /marketinformation/symbolinfosessiontrade: false when there is no session with that index
inline bool SymbolInfoSessionTrade(const string& name, ENUM_DAY_OF_WEEK day, uint index, datetime& from, datetime& to) {
    host::Sym* s = T().sym(S(name));
    if (s == nullptr) return false;
    uint k = 0;
    for (auto& x : s->sessions)
        if (x.day == (int)day) {
            if (k == index) { from = x.from_s; to = x.to_s; return true; }
            k++;
        }
    return false;
}
inline bool SymbolIsSynchronized(const string& name) {
    host::Sym* s = T().sym(S(name));
    return s != nullptr && mql_synced(*s);
}
// ref: /series/copyticks: 'from' in milliseconds; from == 0 means the last 'count' ticks;
// COPY_TICKS_INFO returns the ticks with Bid and/or Ask changes; the array is resized. Called
// from an Expert Advisor for a symbol whose ticks are not synchronised yet, it WAITS for the
// synchronisation (the reference: up to 45 s), holding the EA's thread.
inline int CopyTicks(const string& name, MqlArray<MqlTick>& out, int flags = COPY_TICKS_ALL, ulong from = 0, uint count = 0) {
    host::Sym* s = T().sym(S(name));
    if (s == nullptr) { mql_last_error() = ERR_MARKET_UNKNOWN_SYMBOL; return -1; }
    if (!mql_synced(*s)) {
        long wait = s->syncMs - (long)(host::monoMs() - s->syncStart);
        if (wait > 0) { usleep((useconds_t)wait * 1000); T().blockedMs += wait; }
        s->syncMs = 0;
    }
    if (count == 0) count = 2000;
    std::vector<MqlTick> pick;
    for (auto& t : s->ticks) {
        if (flags == COPY_TICKS_INFO && (t.flags & (TICK_FLAG_BID | TICK_FLAG_ASK)) == 0) continue;
        if (flags == COPY_TICKS_TRADE && (t.flags & (TICK_FLAG_LAST | TICK_FLAG_VOLUME)) == 0) continue;
        if (from != 0 && (ulong)t.time_msc < from) continue;
        pick.push_back(t);
    }
    if (from == 0 && pick.size() > count) pick.erase(pick.begin(), pick.end() - count);
    if (pick.size() > count) pick.resize(count);
    out.v = pick;
    return (int)pick.size();
}
inline int mql_tf_seconds(ENUM_TIMEFRAMES tf) {
    switch (tf) {
        case PERIOD_M1: return 60; case PERIOD_M5: return 300; case PERIOD_M15: return 900; case PERIOD_M30: return 1800;
        case PERIOD_H1: return 3600; case PERIOD_H4: return 14400; case PERIOD_D1: return 86400; case PERIOD_W1: return 604800;
        case PERIOD_MN1: return 2592000; default: return 60;
    }
}
// ref: /series/copyrates (start_time, count): bars up to start_time, oldest first; the host
// builds them from its tick database (Bid prices, as MT5 bars of forex symbols).
inline int CopyRates(const string& name, ENUM_TIMEFRAMES tf, datetime start, int count, MqlArray<MqlRates>& out) {
    host::Sym* s = T().sym(S(name));
    if (s == nullptr) { mql_last_error() = ERR_MARKET_UNKNOWN_SYMBOL; return -1; }
    int secs = mql_tf_seconds(tf);
    std::vector<MqlRates> bars;
    for (auto& t : s->ticks) {
        datetime open = (t.time_msc / 1000) / secs * secs;
        if (open > start) break;
        if (bars.empty() || bars.back().time != open) {
            MqlRates r;
            r.time = open;
            r.open = r.high = r.low = r.close = t.bid;
            bars.push_back(r);
        }
        MqlRates& r = bars.back();
        r.high = std::max(r.high, t.bid);
        r.low = std::min(r.low, t.bid);
        r.close = t.bid;
        r.tick_volume++;
        r.spread = (int)std::lround((t.ask - t.bid) / s->point);
    }
    if ((int)bars.size() > count) bars.erase(bars.begin(), bars.end() - count);
    out.v = bars;
    return (int)bars.size();
}

// ------------------------------------------------------------------ positions (ref: /trading/positionselect ...)
// The program works on a copy: PositionSelect/PositionSelectByTicket/PositionGetTicket copy the
// position's data into the program environment; PositionGet* read that copy.
inline int PositionsTotal() { return (int)T().positions.size(); }
inline void mql_copy_position(const host::Position& p) { T().posSel = p; T().posSelected = true; }
inline ulong PositionGetTicket(int index) {
    if (index < 0 || index >= (int)T().positions.size()) { mql_last_error() = ERR_TRADE_POSITION_NOT_FOUND; return 0; }
    mql_copy_position(T().positions[(size_t)index]);
    return T().posSel.ticket;
}
// ref: /trading/positionselect: on hedging accounts the position with the lowest ticket is selected
inline bool PositionSelect(const string& symbol) {
    const host::Position* best = nullptr;
    for (auto& p : T().positions) if (p.symbol == S(symbol) && (best == nullptr || p.ticket < best->ticket)) best = &p;
    if (best == nullptr) { mql_last_error() = ERR_TRADE_POSITION_NOT_FOUND; return false; }
    mql_copy_position(*best);
    return true;
}
inline bool PositionSelectByTicket(ulong ticket) {
    for (auto& p : T().positions) if (p.ticket == ticket) { mql_copy_position(p); return true; }
    mql_last_error() = ERR_TRADE_POSITION_NOT_FOUND;
    return false;
}
inline long PositionGetInteger(ENUM_POSITION_PROPERTY_INTEGER p) {
    const host::Position& x = T().posSel;
    if (!T().posSelected) { mql_last_error() = ERR_TRADE_POSITION_NOT_FOUND; return 0; }
    switch (p) {
        case POSITION_TICKET: return (long)x.ticket;
        case POSITION_TIME: return x.timeMsc / 1000;
        case POSITION_TIME_MSC: return x.timeMsc;
        case POSITION_TIME_UPDATE: return x.updateMsc / 1000;
        case POSITION_TIME_UPDATE_MSC: return x.updateMsc;
        case POSITION_TYPE: return x.type;
        case POSITION_MAGIC: return x.magic;
        case POSITION_IDENTIFIER: return (long)x.identifier;
        case POSITION_REASON: return 3;
    }
    return 0;
}
inline double PositionGetDouble(ENUM_POSITION_PROPERTY_DOUBLE p) {
    const host::Position& x = T().posSel;
    if (!T().posSelected) { mql_last_error() = ERR_TRADE_POSITION_NOT_FOUND; return 0; }
    host::Sym* s = T().sym(x.symbol);
    switch (p) {
        case POSITION_VOLUME: return x.volume;
        case POSITION_PRICE_OPEN: return x.priceOpen;
        case POSITION_SL: return x.sl;
        case POSITION_TP: return x.tp;
        case POSITION_PRICE_CURRENT: return s == nullptr ? 0 : x.type == POSITION_TYPE_BUY ? s->last.bid : s->last.ask;
        case POSITION_SWAP: return 0;
        case POSITION_PROFIT: return T().positionProfit(x);
    }
    return 0;
}
inline string PositionGetString(ENUM_POSITION_PROPERTY_STRING p) {
    const host::Position& x = T().posSel;
    if (!T().posSelected) { mql_last_error() = ERR_TRADE_POSITION_NOT_FOUND; return string(u""); }
    switch (p) {
        case POSITION_SYMBOL: return M(x.symbol);
        case POSITION_COMMENT: return M(x.comment);
        case POSITION_EXTERNAL_ID: return string(u"");
    }
    return string(u"");
}

// ------------------------------------------------------------------ active orders (ref: /trading/ordergetticket)
inline int OrdersTotal() { return (int)T().activeOrders.size(); }
inline ulong OrderGetTicket(int index) {
    if (index < 0 || index >= (int)T().activeOrders.size()) { mql_last_error() = ERR_TRADE_ORDER_NOT_FOUND; return 0; }
    T().ordSel = T().activeOrders[(size_t)index];
    T().ordSelected = true;
    return T().ordSel.ticket;
}
inline bool OrderSelect(ulong ticket) {
    for (auto& o : T().activeOrders) if (o.ticket == ticket) { T().ordSel = o; T().ordSelected = true; return true; }
    mql_last_error() = ERR_TRADE_ORDER_NOT_FOUND;
    return false;
}
inline long mql_order_int(const host::Order& o, ENUM_ORDER_PROPERTY_INTEGER p) {
    switch (p) {
        case ORDER_TICKET: return (long)o.ticket;
        case ORDER_TIME_SETUP: return o.setupMsc / 1000;
        case ORDER_TYPE: return o.type;
        case ORDER_STATE: return o.state;
        case ORDER_TIME_DONE: return o.doneMsc / 1000;
        case ORDER_TIME_SETUP_MSC: return o.setupMsc;
        case ORDER_TIME_DONE_MSC: return o.doneMsc;
        case ORDER_TYPE_FILLING: return o.filling;
        case ORDER_MAGIC: return o.magic;
        case ORDER_POSITION_ID: return (long)o.positionId;
        case ORDER_REASON: return o.reason;
    }
    return 0;
}
inline double mql_order_double(const host::Order& o, ENUM_ORDER_PROPERTY_DOUBLE p) {
    switch (p) {
        case ORDER_VOLUME_INITIAL: return o.volumeInitial;
        case ORDER_VOLUME_CURRENT: return o.volumeCurrent;
        case ORDER_PRICE_OPEN: return o.priceOpen;
        case ORDER_SL: return o.sl;
        case ORDER_TP: return o.tp;
        case ORDER_PRICE_CURRENT: return o.priceOpen;
    }
    return 0;
}
inline string mql_order_string(const host::Order& o, ENUM_ORDER_PROPERTY_STRING p) {
    switch (p) {
        case ORDER_SYMBOL: return M(o.symbol);
        case ORDER_COMMENT: return M(o.comment);
        case ORDER_EXTERNAL_ID: return string(u"");
    }
    return string(u"");
}
inline long OrderGetInteger(ENUM_ORDER_PROPERTY_INTEGER p) { return T().ordSelected ? mql_order_int(T().ordSel, p) : 0; }
inline double OrderGetDouble(ENUM_ORDER_PROPERTY_DOUBLE p) { return T().ordSelected ? mql_order_double(T().ordSel, p) : 0; }
inline string OrderGetString(ENUM_ORDER_PROPERTY_STRING p) { return T().ordSelected ? mql_order_string(T().ordSel, p) : string(u""); }

// ------------------------------------------------------------------ history (ref: /trading/historyselect ...)
// HistorySelect fills the program's lists of deals and orders for a period; HistoryDealSelect
// and HistoryOrderSelect CLEAR the respective list and put the one ticket in it; the
// HistoryDealGet*/HistoryOrderGet* functions see only what the current lists hold. So each
// selection replaces the previous one.
inline bool HistorySelect(datetime from, datetime to) {
    auto& t = T();
    if (t.failHistorySelects > 0) { t.failHistorySelects--; mql_last_error() = ERR_HISTORY_NOT_FOUND; return false; }
    t.histDeals.clear();
    t.histOrders.clear();
    for (auto& d : t.deals) if (d.timeMsc / 1000 >= from && d.timeMsc / 1000 <= to) t.histDeals.push_back(d.ticket);
    for (auto& o : t.historyOrders) if (o.setupMsc / 1000 >= from && o.setupMsc / 1000 <= to) t.histOrders.push_back(o.ticket);
    return true;
}
inline bool HistorySelectByPosition(long id) {
    auto& t = T();
    if (t.failHistorySelects > 0) { t.failHistorySelects--; mql_last_error() = ERR_HISTORY_NOT_FOUND; return false; }
    t.histDeals.clear();
    t.histOrders.clear();
    for (auto& d : t.deals) if ((long)d.positionId == id) t.histDeals.push_back(d.ticket);
    for (auto& o : t.historyOrders) if ((long)o.positionId == id) t.histOrders.push_back(o.ticket);
    return true;
}
inline bool HistoryDealSelect(ulong ticket) {
    for (auto& d : T().deals) if (d.ticket == ticket) { T().histDeals.assign(1, ticket); return true; }
    mql_last_error() = ERR_TRADE_DEAL_NOT_FOUND;
    return false;
}
inline bool HistoryOrderSelect(ulong ticket) {
    for (auto& o : T().historyOrders) if (o.ticket == ticket) { T().histOrders.assign(1, ticket); return true; }
    mql_last_error() = ERR_TRADE_ORDER_NOT_FOUND;
    return false;
}
inline int HistoryDealsTotal() { return (int)T().histDeals.size(); }
inline int HistoryOrdersTotal() { return (int)T().histOrders.size(); }
inline ulong HistoryDealGetTicket(int i) {
    if (i < 0 || i >= (int)T().histDeals.size()) { mql_last_error() = ERR_TRADE_DEAL_NOT_FOUND; return 0; }
    return T().histDeals[(size_t)i];
}
inline ulong HistoryOrderGetTicket(int i) {
    if (i < 0 || i >= (int)T().histOrders.size()) { mql_last_error() = ERR_TRADE_ORDER_NOT_FOUND; return 0; }
    return T().histOrders[(size_t)i];
}
// Deal tickets grow (nextDeal++), and every selection is filled in the history's order, so both
// lists are sorted by ticket: a binary search keeps a history of thousands of deals fast under
// AddressSanitizer (the EA reads ~15 properties of each deal).
inline const host::Deal* mql_sel_deal(ulong ticket) {
    auto& t = T();
    if (!std::binary_search(t.histDeals.begin(), t.histDeals.end(), ticket)) { mql_last_error() = ERR_TRADE_DEAL_NOT_FOUND; return nullptr; }
    auto it = std::lower_bound(t.deals.begin(), t.deals.end(), ticket, [](const host::Deal& d, ulong k) { return d.ticket < k; });
    if (it != t.deals.end() && it->ticket == ticket) return &*it;
    return nullptr;
}
inline const host::Order* mql_sel_order(ulong ticket) {
    auto& t = T();
    if (std::find(t.histOrders.begin(), t.histOrders.end(), ticket) == t.histOrders.end()) { mql_last_error() = ERR_TRADE_ORDER_NOT_FOUND; return nullptr; }
    for (auto& o : t.historyOrders) if (o.ticket == ticket) return &o;
    return nullptr;
}
inline long HistoryDealGetInteger(ulong ticket, ENUM_DEAL_PROPERTY_INTEGER p) {
    const host::Deal* d = mql_sel_deal(ticket);
    if (d == nullptr) return 0;
    switch (p) {
        case DEAL_TICKET: return (long)d->ticket;
        case DEAL_ORDER: return (long)d->order;
        case DEAL_TIME: return d->timeMsc / 1000;
        case DEAL_TIME_MSC: return d->timeMsc;
        case DEAL_TYPE: return d->type;
        case DEAL_ENTRY: return d->entry;
        case DEAL_MAGIC: return d->magic;
        case DEAL_REASON: return d->reason;
        case DEAL_POSITION_ID: return (long)d->positionId;
    }
    return 0;
}
inline double HistoryDealGetDouble(ulong ticket, ENUM_DEAL_PROPERTY_DOUBLE p) {
    const host::Deal* d = mql_sel_deal(ticket);
    if (d == nullptr) return 0;
    switch (p) {
        case DEAL_VOLUME: return d->volume;
        case DEAL_PRICE: return d->price;
        case DEAL_COMMISSION: return d->commission;
        case DEAL_SWAP: return d->swap;
        case DEAL_PROFIT: return d->profit;
        case DEAL_FEE: return 0;
    }
    return 0;
}
inline string HistoryDealGetString(ulong ticket, ENUM_DEAL_PROPERTY_STRING p) {
    const host::Deal* d = mql_sel_deal(ticket);
    if (d == nullptr) return string(u"");
    switch (p) {
        case DEAL_SYMBOL: return M(d->symbol);
        case DEAL_COMMENT: return M(d->comment);
        case DEAL_EXTERNAL_ID: return string(u"");
    }
    return string(u"");
}
inline long HistoryOrderGetInteger(ulong ticket, ENUM_ORDER_PROPERTY_INTEGER p) {
    const host::Order* o = mql_sel_order(ticket);
    return o == nullptr ? 0 : mql_order_int(*o, p);
}
inline double HistoryOrderGetDouble(ulong ticket, ENUM_ORDER_PROPERTY_DOUBLE p) {
    const host::Order* o = mql_sel_order(ticket);
    return o == nullptr ? 0 : mql_order_double(*o, p);
}
inline string HistoryOrderGetString(ulong ticket, ENUM_ORDER_PROPERTY_STRING p) {
    const host::Order* o = mql_sel_order(ticket);
    return o == nullptr ? string(u"") : mql_order_string(*o, p);
}

// ------------------------------------------------------------------ OrderSend (ref: /trading/ordersend)
// Returns true only when the trade server accepted the request (DONE, DONE_PARTIAL, PLACED);
// otherwise false with result.retcode set, as the terminal does.
inline bool mql_fail(MqlTradeResult& r, uint code, const char* comment) {
    r.retcode = code;
    r.comment = string(comment);
    mql_last_error() = ERR_TRADE_SEND_FAILED;
    return false;
}
inline bool OrderSend(const MqlTradeRequest& rq, MqlTradeResult& r) {
    auto& t = T();
    static uint requestId = 0;
    r = MqlTradeResult();
    r.request_id = ++requestId;
    // ref: /trading/ordersend and the AutoTrading button: refused in the terminal, nothing sent
    if (!t.terminalTradeAllowed || !t.mqlTradeAllowed) return mql_fail(r, TRADE_RETCODE_CLIENT_DISABLES_AT, "AutoTrading disabled by client");
    if (!t.connected) return mql_fail(r, TRADE_RETCODE_CONNECTION, "No connection with the trade server");
    host::Sym* s = t.sym(S(rq.symbol));
    if (s == nullptr) return mql_fail(r, TRADE_RETCODE_INVALID, "Invalid request: unknown symbol");
    if (s->hasTick) { r.bid = s->last.bid; r.ask = s->last.ask; }
    if (rq.action == TRADE_ACTION_SLTP) {
        const host::Position* p = nullptr;
        for (auto& x : t.positions) if (x.ticket == rq.position || (rq.position == 0 && x.symbol == s->name)) p = &x;
        if (p == nullptr) return mql_fail(r, TRADE_RETCODE_POSITION_CLOSED, "Position doesn't exist");
        if (!t.priceValid(*s, rq.sl) || !t.priceValid(*s, rq.tp)) return mql_fail(r, TRADE_RETCODE_INVALID_STOPS, "Invalid stops");
        bool buy = p->type == POSITION_TYPE_BUY;
        double mark = buy ? s->last.bid : s->last.ask, lvl = std::max(s->stopsLevel, 0) * s->point + (s->stopsLevel > 0 ? -1e-9 : 1e-12);
        if ((rq.sl > 0 && (buy ? mark - rq.sl : rq.sl - mark) < lvl) || (rq.tp > 0 && (buy ? rq.tp - mark : mark - rq.tp) < lvl))
            return mql_fail(r, TRADE_RETCODE_INVALID_STOPS, "Invalid stops");
        for (auto& x : t.positions) if (x.ticket == p->ticket) { x.sl = rq.sl; x.tp = rq.tp; }
        t.changed();
        r.retcode = TRADE_RETCODE_DONE;
        r.comment = string("Request executed");
        return true;
    }
    if (rq.action != TRADE_ACTION_DEAL) MqlFatal("OrderSend: only TRADE_ACTION_DEAL and TRADE_ACTION_SLTP are modelled");
    if (!t.faults.empty()) {
        host::Fault f = t.faults.front();
        t.faults.erase(t.faults.begin());
        if (f.retcode == TRADE_RETCODE_PLACED) {
            // an Exchange/RETURN market order accepted and waiting in the book (not filled yet)
            host::Order o;
            o.ticket = t.nextOrder++;
            o.symbol = s->name;
            o.type = rq.type;
            o.state = ORDER_STATE_PLACED;
            o.filling = rq.type_filling;
            o.volumeInitial = o.volumeCurrent = rq.volume;
            o.priceOpen = rq.price;
            o.sl = rq.sl;
            o.tp = rq.tp;
            o.magic = (long)rq.magic;
            o.comment = S(rq.comment);
            o.setupMsc = t.serverNowMs();
            t.activeOrders.push_back(o);
            t.changed();
            t.transaction(TRADE_TRANSACTION_ORDER_ADD, o, nullptr);
            r.retcode = TRADE_RETCODE_PLACED;
            r.order = o.ticket;
            r.comment = string("Request placed");
            return true;
        }
        if (f.traded && s->hasTick) {
            bool buy = rq.type == ORDER_TYPE_BUY;
            t.executeMarket(*s, rq.type, rq.volume, buy ? s->last.ask : s->last.bid,
                            t.marginMode == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING ? rq.position : 0, rq.sl, rq.tp, (long)rq.magic,
                            S(rq.comment), rq.type_filling, DEAL_REASON_EXPERT, nullptr);
        }
        return mql_fail(r, (uint)f.retcode, "fault injected by the host");
    }
    if (!s->hasTick) return mql_fail(r, TRADE_RETCODE_PRICE_OFF, "No prices");
    bool buy = rq.type == ORDER_TYPE_BUY;
    if (rq.type != ORDER_TYPE_BUY && rq.type != ORDER_TYPE_SELL) return mql_fail(r, TRADE_RETCODE_INVALID, "Invalid request");
    // volume: within [SYMBOL_VOLUME_MIN, SYMBOL_VOLUME_MAX] and a multiple of SYMBOL_VOLUME_STEP
    if (!t.volumeValid(*s, rq.volume)) return mql_fail(r, TRADE_RETCODE_INVALID_VOLUME, "Invalid volume");
    // ref: /constants/environment_state/marketinfoconstants#enum_symbol_trade_mode
    host::Position* target = nullptr;
    bool hedging = t.marginMode == ACCOUNT_MARGIN_MODE_RETAIL_HEDGING;
    if (hedging && rq.position != 0) {
        for (auto& x : t.positions) if (x.ticket == rq.position) target = &x;
        if (target == nullptr) return mql_fail(r, TRADE_RETCODE_POSITION_CLOSED, "Position doesn't exist");
        if ((target->type == POSITION_TYPE_BUY) == buy || target->symbol != s->name) return mql_fail(r, TRADE_RETCODE_INVALID, "Invalid request");
        if (rq.volume > target->volume + 1e-9) return mql_fail(r, TRADE_RETCODE_INVALID_CLOSE_VOLUME, "Invalid close volume");
    } else if (!hedging) {
        for (auto& x : t.positions) if (x.symbol == s->name) target = &x;
        if (target != nullptr && (target->type == POSITION_TYPE_BUY) == buy) target = nullptr;   // adds, not closes
    }
    bool closingOnly = target != nullptr && rq.volume <= target->volume + 1e-9;
    if (s->tradeMode == SYMBOL_TRADE_MODE_DISABLED || (s->tradeMode == SYMBOL_TRADE_MODE_CLOSEONLY && !closingOnly)
        || (s->tradeMode == SYMBOL_TRADE_MODE_LONGONLY && !buy && !closingOnly)
        || (s->tradeMode == SYMBOL_TRADE_MODE_SHORTONLY && buy && !closingOnly))
        return mql_fail(r, TRADE_RETCODE_TRADE_DISABLED, "Trade disabled");
    // filling (ref: /constants/tradingconstants/orderproperties, ENUM_ORDER_TYPE_FILLING:
    // "ORDER_FILLING_RETURN ... is used only for market ... orders ... and only for the symbols
    // with Market or Exchange execution"; /constants/environment_state/marketinfoconstants,
    // SYMBOL_FILLING_MODE flags): Request and Instant execution fill market orders Fill or Kill;
    // FOK and IOC need their flag; RETURN (no flag) with Market or Exchange execution.
    {
        int f = rq.type_filling, flags = s->filling, ex = s->exeMode;
        bool ok;
        if (ex == SYMBOL_TRADE_EXECUTION_REQUEST || ex == SYMBOL_TRADE_EXECUTION_INSTANT) ok = f == ORDER_FILLING_FOK;
        else if (f == ORDER_FILLING_RETURN) ok = true;
        else if (f == ORDER_FILLING_FOK) ok = (flags & SYMBOL_FILLING_FOK) != 0;
        else if (f == ORDER_FILLING_IOC) ok = (flags & SYMBOL_FILLING_IOC) != 0;
        else ok = false;
        if (!ok) return mql_fail(r, TRADE_RETCODE_INVALID_FILL, "Unsupported filling mode");
    }
    // stops (MetaTrader 5 help, "Requirements and Limitations in Making Trade Operations"): a
    // buy's SL/TP at least SYMBOL_TRADE_STOPS_LEVEL points from the Bid, a sell's from the Ask
    double price = buy ? s->last.ask : s->last.bid;
    double ref = buy ? s->last.bid : s->last.ask;
    double lvl = std::max(s->stopsLevel, 0) * s->point - 1e-9;
    if (lvl <= 0) lvl = 1e-12;
    if ((rq.sl > 0 && (buy ? ref - rq.sl : rq.sl - ref) < lvl) || (rq.tp > 0 && (buy ? rq.tp - ref : ref - rq.tp) < lvl))
        return mql_fail(r, TRADE_RETCODE_INVALID_STOPS, "Invalid stops");
    // prices must be multiples of the tick size (ref: SYMBOL_TRADE_TICK_SIZE); the server refuses others
    if (!t.priceValid(*s, rq.sl) || !t.priceValid(*s, rq.tp)) return mql_fail(r, TRADE_RETCODE_INVALID_STOPS, "Invalid stops");
    if (!t.priceValid(*s, rq.price)) return mql_fail(r, TRADE_RETCODE_INVALID_PRICE, "Invalid price");
    // the session (SymbolInfoSessionTrade) at the server time of the symbol's last quote
    if (!t.sessionOpen(*s, s->last.time_msc)) return mql_fail(r, TRADE_RETCODE_MARKET_CLOSED, "Market closed");
    // Instant/Request execution: the request's price within 'deviation' points, else a requote
    if ((s->exeMode == SYMBOL_TRADE_EXECUTION_INSTANT || s->exeMode == SYMBOL_TRADE_EXECUTION_REQUEST)
        && std::fabs(rq.price - price) > (double)rq.deviation * s->point + 1e-9)
        return mql_fail(r, TRADE_RETCODE_REQUOTE, "Requote");
    // margin (ref: /trading/ordercalcmargin; FOREX: lots * contract / leverage) against the free margin
    double opening = rq.volume - (target != nullptr ? std::min(rq.volume, target->volume) : 0);
    if (opening > 1e-9 && t.marginFor(*s, opening, price) > t.equity() - t.marginSum() + 1e-9)
        return mql_fail(r, TRADE_RETCODE_NO_MONEY, "No money");
    ulong order = 0;
    host::Deal d = t.executeMarket(*s, rq.type, rq.volume, price, hedging ? rq.position : 0, rq.sl, rq.tp, (long)rq.magic,
                                   S(rq.comment), rq.type_filling, DEAL_REASON_EXPERT, &order);
    r.retcode = TRADE_RETCODE_DONE;
    r.deal = d.ticket;
    r.order = order;
    r.volume = d.volume;
    r.price = d.price;
    r.comment = string("Request executed");
    host::Event e{host::Event::TRADE, {}, rq, r};
    e.trans.type = TRADE_TRANSACTION_REQUEST;
    t.enqueue(e);
    return true;
}

// ------------------------------------------------------------------ #import "libzmq.dll" (implemented in zmq_glue.cpp)
long host_zmq_ctx_new();
int host_zmq_ctx_term(long c);
long host_zmq_socket(long c, int type);
int host_zmq_close(long s);
int host_zmq_setsockopt(long s, int opt, const void* v, size_t n);
int host_zmq_getsockopt(long s, int opt, void* v, size_t* n);
int host_zmq_bind(long s, const char* ep);
int host_zmq_send(long s, const void* b, size_t n, int flags);
int host_zmq_recv(long s, void* b, size_t n, int flags);
int host_zmq_errno_windows();
long host_zmq_strerror_windows(int e);
int host_zmq_has(const char* cap);
int host_zmq_curve_public(char* pub, const char* sec);
void host_zmq_version(int* a, int* b, int* c);

inline void mql_dll_bounds(size_t len, size_t size, const char* fn) {
    // the DLL gets a pointer only: a length past the array reads or writes outside it
    if (len > size) { char b[160]; std::snprintf(b, sizeof b, "%s: length %zu exceeds the array's %zu elements", fn, len, size); MqlFatal(b); }
}
inline void zmq_version(int& a, int& b, int& c) { host_zmq_version(&a, &b, &c); }
inline int zmq_errno() { return host_zmq_errno_windows(); }
inline long zmq_strerror(int e) { return host_zmq_strerror_windows(e); }
inline int zmq_has(const MqlArray<uchar>& cap) { if (cap.v.empty() || cap.v.back() != 0) MqlFatal("zmq_has: not a C string"); return host_zmq_has((const char*)cap.v.data()); }
inline int zmq_curve_public(MqlArray<uchar>& pub, const MqlArray<uchar>& sec) {
    mql_dll_bounds(41, pub.v.size(), "zmq_curve_public");
    mql_dll_bounds(41, sec.v.size(), "zmq_curve_public");
    return host_zmq_curve_public((char*)pub.v.data(), (const char*)sec.v.data());
}
inline long zmq_ctx_new() { return host_zmq_ctx_new(); }
inline int zmq_ctx_term(long c) { return host_zmq_ctx_term(c); }
inline long zmq_socket(long c, int type) { return host_zmq_socket(c, type); }
inline int zmq_close(long s) { return host_zmq_close(s); }
inline int zmq_setsockopt(long s, int opt, const MqlArray<uchar>& v, ulong n) { mql_dll_bounds(n, v.v.size(), "zmq_setsockopt"); return host_zmq_setsockopt(s, opt, v.v.data(), n); }
inline int zmq_setsockopt(long s, int opt, const int& v, ulong n) { mql_dll_bounds(n, sizeof(int), "zmq_setsockopt"); return host_zmq_setsockopt(s, opt, &v, n); }
inline int zmq_setsockopt(long s, int opt, const long& v, ulong n) { mql_dll_bounds(n, sizeof(long), "zmq_setsockopt"); return host_zmq_setsockopt(s, opt, &v, n); }
inline int zmq_getsockopt(long s, int opt, int& v, ulong& n) {
    mql_dll_bounds(n, sizeof(int), "zmq_getsockopt");
    size_t k = n;
    int rc = host_zmq_getsockopt(s, opt, &v, &k);
    n = k;
    return rc;
}
inline int zmq_bind(long s, const MqlArray<uchar>& ep) { if (ep.v.empty() || ep.v.back() != 0) MqlFatal("zmq_bind: not a C string"); return host_zmq_bind(s, (const char*)ep.v.data()); }
inline int zmq_send(long s, const MqlArray<uchar>& b, ulong n, int flags) { mql_dll_bounds(n, b.v.size(), "zmq_send"); return host_zmq_send(s, b.v.data(), n, flags); }
inline int zmq_recv(long s, MqlArray<uchar>& b, ulong n, int flags) { mql_dll_bounds(n, b.v.size(), "zmq_recv"); return host_zmq_recv(s, b.v.data(), n, flags); }

// ------------------------------------------------------------------ #import "kernel32.dll"
inline int lstrlenA(long p) { return p == 0 ? 0 : (int)std::strlen((const char*)p); }
inline void RtlMoveMemory(MqlArray<uchar>& dst, long src, ulong len) { mql_dll_bounds(len, dst.v.size(), "RtlMoveMemory"); std::memcpy(dst.v.data(), (const void*)src, len); }
// FILETIME: 100 ns units since 1601-01-01, from the PC clock
inline void GetSystemTimeAsFileTime(long& ft) { ft = (T().utcNowMs() + T().pcClockSkewMs) * 10000L + 116444736000000000L; }

// ------------------------------------------------------------------ files (ref: /files), in the terminal's sandbox (MQL5\Files)
#define FILE_READ 1
#define FILE_WRITE 2
#define FILE_BIN 4
#define FILE_CSV 8
#define FILE_TXT 16
#define FILE_ANSI 32
#define FILE_UNICODE 64
#define FILE_SHARE_READ 128
#define FILE_SHARE_WRITE 256
#define FILE_REWRITE 512
#define FILE_COMMON 4096
#define ERR_FILE_NOT_EXIST 5019
// never destroyed: the EA's global objects may close files in their destructors after main()
inline std::vector<FILE*>& mql_files() { static std::vector<FILE*>* f = new std::vector<FILE*>(1, nullptr); return *f; }
// a name inside the sandbox: '\\' separates folders; absolute names and '..' are refused (ERR_FILE_CANNOT_OPEN)
inline bool mql_sandbox_path(const string& name, std::string& out) {
    std::string n = S(name);
    for (auto& c : n) if (c == '\\') c = '/';
    if (n.empty() || n[0] == '/' || n.find("..") != std::string::npos) return false;
    out = T().sandbox + "/" + n;
    return true;
}
// ref: /files/fileopen: FILE_WRITE without FILE_READ truncates; with FILE_READ the file is
// opened (created when missing) at its start. Returns a handle or INVALID_HANDLE.
inline int FileOpen(const string& name, int flags, short delimiter = '\t', uint codepage = CP_ACP) {
    (void)delimiter; (void)codepage;
    std::string path;
    if (!mql_sandbox_path(name, path)) { mql_last_error() = ERR_FILE_CANNOT_OPEN; return INVALID_HANDLE; }
    FILE* f = nullptr;
    if ((flags & FILE_WRITE) && !(flags & FILE_READ)) f = std::fopen(path.c_str(), "wb");
    else if (flags & FILE_WRITE) { f = std::fopen(path.c_str(), "r+b"); if (f == nullptr) f = std::fopen(path.c_str(), "w+b"); }
    else f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) { mql_last_error() = ERR_FILE_CANNOT_OPEN; return INVALID_HANDLE; }
    mql_files().push_back(f);
    return (int)mql_files().size() - 1;
}
inline FILE* mql_file(int h) {
    if (h <= 0 || h >= (int)mql_files().size() || mql_files()[(size_t)h] == nullptr) MqlFatal("file function on an invalid handle");
    return mql_files()[(size_t)h];
}
inline void FileClose(int h) { std::fclose(mql_file(h)); mql_files()[(size_t)h] = nullptr; }
inline void FileFlush(int h) { std::fflush(mql_file(h)); }
inline bool FileSeek(int h, long offset, int origin) { return std::fseek(mql_file(h), offset, origin) == 0; }
inline bool FileIsEnding(int h) {
    FILE* f = mql_file(h);
    int c = std::fgetc(f);
    if (c == EOF) return true;
    std::ungetc(c, f);
    return false;
}
// ref: /files/filewritestring: writes the string (no line end added); returns the bytes written
inline uint FileWriteString(int h, const string& text, int length = -1) {
    std::string b = S(length >= 0 ? StringSubstr(text, 0, length) : text);
    return (uint)std::fwrite(b.data(), 1, b.size(), mql_file(h));
}
// ref: /files/filereadstring: in a text file, reads up to the line end ("\r\n")
inline string FileReadString(int h, int length = -1) {
    (void)length;
    FILE* f = mql_file(h);
    std::string b;
    int c;
    while ((c = std::fgetc(f)) != EOF && c != '\n') b += (char)c;
    if (!b.empty() && b.back() == '\r') b.pop_back();
    return M(b);
}
inline bool FileIsExist(const string& name, int common = 0) {
    (void)common;
    std::string path;
    if (!mql_sandbox_path(name, path)) return false;
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) { mql_last_error() = ERR_FILE_NOT_EXIST; return false; }
    std::fclose(f);
    return true;
}
inline bool FileDelete(const string& name, int common = 0) {
    (void)common;
    std::string path;
    return mql_sandbox_path(name, path) && std::remove(path.c_str()) == 0;
}
// ref: /files/filemove: FILE_REWRITE replaces an existing destination
inline bool FileMove(const string& src, int common, const string& dst, int mode) {
    (void)common;
    std::string a, b;
    if (!mql_sandbox_path(src, a) || !mql_sandbox_path(dst, b)) return false;
    if (!(mode & FILE_REWRITE)) { FILE* f = std::fopen(b.c_str(), "rb"); if (f) { std::fclose(f); return false; } }
    return std::rename(a.c_str(), b.c_str()) == 0;
}
