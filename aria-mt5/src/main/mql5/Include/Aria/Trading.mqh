//+------------------------------------------------------------------+
//| Trading.mqh - OrderSend, filling modes, idempotency, deals       |
//|                                                                  |
//| PROTOCOL.md sections 5.5-5.8, 5.11, 5.13, 6.3 and 9.             |
//|                                                                  |
//| MQL5 traps handled here:                                         |
//|  * OrderSend is synchronous but the account history is not: the  |
//|    deal of MqlTradeResult.deal may not be selectable yet when    |
//|    OrderSend returns, and MqlTradeResult.price is 0 on some      |
//|    market-execution servers. Both are looked up with fallbacks.  |
//|  * HistorySelect/HistoryDealSelect/HistoryOrderSelect each       |
//|    REPLACE the selected history: never call one inside a loop    |
//|    over another's result; copy first, then look things up.       |
//|  * The MT5 comment holds 31 characters and brokers may rewrite   |
//|    it on SL/TP/stop-out deals: the client order id is looked up  |
//|    by the comment of opening deals, positions and orders only.   |
//|  * Structures with string members cannot go through ZeroMemory   |
//|    safely in every build: TradeOutcome has its own reset.        |
//+------------------------------------------------------------------+
#ifndef ARIA_TRADING_MQH
#define ARIA_TRADING_MQH

#include "Protocol.mqh"

//--- MT5 trade return codes used by the bridge itself (ENUM_TRADE_RETURN_CODES)
#define RC_REJECT           10006
#define RC_PLACED           10008
#define RC_DONE             10009
#define RC_DONE_PARTIAL     10010
#define RC_ERROR            10011
#define RC_TIMEOUT          10012
#define RC_INVALID          10013
#define RC_INVALID_VOLUME   10014
#define RC_INVALID_FILL     10030
#define RC_PRICE_OFF        10021
#define RC_CONNECTION       10031
#define RC_POSITION_CLOSED  10036

//--- states of a client order id in the table (section 9)
#define COID_FILLED    1   // traded, or at least accepted: never send again
#define COID_REJECTED  2   // the server refused it: the id is free again
#define COID_FENCED    3   // burned by order_status "not_found" or by expiry
#define COID_UNCLEAR   4   // TIMEOUT/ERROR/CONNECTION: may have traded; never resent

#define UNCLEAR_GRACE_MS     30000          // "in_flight" this long after an unclear send
#define JOURNAL_KEEP_MS      604800000      // ids are kept (and persisted) 7 days

//--- what a lookup of an id in the account found
#define LOOKUP_NONE     0   // not in positions, orders or history: never traded
#define LOOKUP_FOUND    1   // traded (or placed): o is filled
#define LOOKUP_UNKNOWN -1   // the history cannot be read now (HistorySelect failed, terminal offline)
#define HISTORY_LOOKBACK_S   (7*86400)      // section 5.13: 7 days of history

//+------------------------------------------------------------------+
//| string -> int hash index (no dependency on the Generic library)  |
//+------------------------------------------------------------------+
class CStringIndex
  {
private:
   int               m_head[];     // bucket -> first slot, -1 when empty
   int               m_next[];     // slot -> next slot in the same bucket
   string            m_keys[];
   int               m_values[];
   int               m_count;

   uint              Hash(const string key) const
     {
      uint h=2166136261;                       // FNV-1a over UTF-16 code units
      int n=StringLen(key);
      for(int i=0;i<n;i++)
         h=(h^(uint)StringGetCharacter(key,i))*16777619;
      return(h);
     }

   void              Rehash(const int buckets)
     {
      ArrayResize(m_head,buckets);
      ArrayInitialize(m_head,-1);
      for(int i=0;i<m_count;i++)
        {
         int b=(int)(Hash(m_keys[i])%(uint)buckets);
         m_next[i]=m_head[b];
         m_head[b]=i;
        }
     }

public:
                     CStringIndex() : m_count(0) { Rehash(1024); }

   void              Clear()
     {
      m_count=0;
      ArrayResize(m_keys,0);
      ArrayResize(m_values,0);
      ArrayResize(m_next,0);
      Rehash(1024);
     }

   int               Count() const { return(m_count); }

   //--- value for key, or -1
   int               Get(const string key) const
     {
      int b=(int)(Hash(key)%(uint)ArraySize(m_head));
      for(int i=m_head[b];i>=0;i=m_next[i])
         if(m_keys[i]==key)
            return(m_values[i]);
      return(-1);
     }

   //--- inserts or replaces
   void              Put(const string key,const int value)
     {
      int b=(int)(Hash(key)%(uint)ArraySize(m_head));
      for(int i=m_head[b];i>=0;i=m_next[i])
         if(m_keys[i]==key)
           {
            m_values[i]=value;
            return;
           }
      int slot=m_count++;
      ArrayResize(m_keys,m_count,1024);
      ArrayResize(m_values,m_count,1024);
      ArrayResize(m_next,m_count,1024);
      m_keys[slot]=key;
      m_values[slot]=value;
      m_next[slot]=m_head[b];
      m_head[b]=slot;
      if(m_count>2*ArraySize(m_head))
         Rehash(4*ArraySize(m_head));
     }
  };

//+------------------------------------------------------------------+
//| The outcome of an order or close: the body of order_reply /      |
//| close_reply (section 5.5) without type/id/ok/duplicate.          |
//+------------------------------------------------------------------+
struct TradeOutcome
  {
   string            coid;
   string            symbol;
   string            side;
   string            comment;
   string            message;          // only written when not empty
   uint              retcode;
   uint              retcodeExternal;
   ulong             deal;
   ulong             order;
   ulong             position;
   double            requestedPrice;
   double            requestedVolume;
   double            price;
   double            volume;
   double            bid;
   double            ask;
   long              slippagePoints;
   int               digits;
   long              doneUtcMs;
   string            terms;            // what the request asked, for the conflict check ("" when rebuilt from history)
  };

void OutcomeReset(TradeOutcome &o,const string coid)
  {
   o.coid=coid;
   o.symbol="";
   o.side="";
   o.comment="";
   o.message="";
   o.retcode=0;
   o.retcodeExternal=0;
   o.deal=0;
   o.order=0;
   o.position=0;
   o.requestedPrice=0.0;
   o.requestedVolume=0.0;
   o.price=0.0;
   o.volume=0.0;
   o.bid=0.0;
   o.ask=0.0;
   o.slippagePoints=0;
   o.digits=8;
   o.doneUtcMs=UtcNowMs();
   o.terms="";
  }

void WriteOutcome(CJsonWriter &w,const TradeOutcome &o,const bool duplicate)
  {
   w.Str("client_order_id",o.coid);
   w.Bool("duplicate",duplicate);
   w.Long("retcode",(long)o.retcode);
   w.Long("retcode_external",(long)o.retcodeExternal);
   w.Str("comment",o.comment);
   if(o.message!="")
      w.Str("message",o.message);
   w.ULong("deal",o.deal);
   w.ULong("order",o.order);
   w.ULong("position",o.position);
   w.Str("symbol",o.symbol);
   w.Str("side",o.side);
   w.Num("requested_price",o.requestedPrice,o.digits);
   w.Num("requested_volume",o.requestedVolume,VOLUME_DIGITS);
   w.Num("price",o.price,o.digits);
   w.Num("volume",o.volume,VOLUME_DIGITS);
   w.Num("bid",o.bid,o.digits);
   w.Num("ask",o.ask,o.digits);
   w.Long("slippage_points",o.slippagePoints);
  }

//+------------------------------------------------------------------+
//| What to send: an order (5.5) or a close (5.6) after validation.  |
//+------------------------------------------------------------------+
struct OrderParams
  {
   string            coid;
   string            symbol;
   string            side;            // "buy" / "sell"
   double            volume;
   double            price;           // expected price, 0 = current (close only)
   double            sl;
   double            tp;
   long              deviation;
   long              magic;
   long              position;        // 0, or the position this deal closes/reduces
   string            filling;         // "", "fok", "ioc", "return"
   long              expiresUtcMs;
  };

//+------------------------------------------------------------------+
//| Filling mode (5.5 `filling`), from the symbol's execution mode   |
//| (SYMBOL_TRADE_EXEMODE) and SYMBOL_FILLING_MODE flags (FOK 1,     |
//| IOC 2), per the MQL5 reference (ENUM_ORDER_TYPE_FILLING):        |
//|  * Request and Instant execution fill market orders Fill or Kill |
//|    only (the old fallback sent IOC or RETURN there: refused);    |
//|  * Market and Exchange execution: FOK or IOC when its flag is    |
//|    set; RETURN (which has no flag) otherwise.                    |
//| "" chooses FOK, else IOC, else RETURN. A client-forced filling   |
//| is checked the same way: false with a message when the symbol   |
//| does not allow it (nothing is sent, retcode 10030).              |
//+------------------------------------------------------------------+
bool ChooseFilling(const string symbol,const string requested,ENUM_ORDER_TYPE_FILLING &filling,string &message)
  {
   long exe=SymbolInfoInteger(symbol,SYMBOL_TRADE_EXEMODE);
   long modes=SymbolInfoInteger(symbol,SYMBOL_FILLING_MODE);
   bool fok=((modes&SYMBOL_FILLING_FOK)==SYMBOL_FILLING_FOK);
   bool ioc=((modes&SYMBOL_FILLING_IOC)==SYMBOL_FILLING_IOC);
   bool quoteDriven=(exe==SYMBOL_TRADE_EXECUTION_REQUEST || exe==SYMBOL_TRADE_EXECUTION_INSTANT);
   message="";
   if(requested=="")
     {
      if(quoteDriven || fok)
         filling=ORDER_FILLING_FOK;
      else if(ioc)
         filling=ORDER_FILLING_IOC;
      else
         filling=ORDER_FILLING_RETURN;
      return(true);
     }
   bool allowed=false;
   if(requested=="fok")
     {
      filling=ORDER_FILLING_FOK;
      allowed=(quoteDriven || fok);
     }
   else if(requested=="ioc")
     {
      filling=ORDER_FILLING_IOC;
      allowed=(!quoteDriven && ioc);
     }
   else
     {
      filling=ORDER_FILLING_RETURN;
      allowed=!quoteDriven;
     }
   if(!allowed)
      message=StringFormat("field \"filling\" \"%s\" is not allowed for %s (execution mode %I64d, filling flags %I64d)",
                           requested,symbol,exe,modes);
   return(allowed);
  }

//+------------------------------------------------------------------+
//| Volumes and prices as the trade server wants them (7): a volume  |
//| on the SYMBOL_VOLUME_STEP grid, rounded DOWN (never more than    |
//| asked; 1e-7 of a step absorbs binary noise such as 0.1+0.2), and |
//| prices on the SYMBOL_TRADE_TICK_SIZE grid with SYMBOL_DIGITS.    |
//+------------------------------------------------------------------+
double VolumeDown(const string symbol,const double volume)
  {
   double step=SymbolInfoDouble(symbol,SYMBOL_VOLUME_STEP);
   if(step<=0.0)
      return(NormalizeDouble(volume,8));
   return(NormalizeDouble(MathFloor(volume/step+1e-7)*step,8));
  }

double PriceOnGrid(const string symbol,const double price)
  {
   if(price<=0.0)
      return(price);
   double tick=SymbolInfoDouble(symbol,SYMBOL_TRADE_TICK_SIZE);
   double p=(tick>0.0 ? MathRound(price/tick)*tick : price);
   return(NormalizeDouble(p,(int)SymbolInfoInteger(symbol,SYMBOL_DIGITS)));
  }

bool IsTradedRetcode(const uint rc)
  {
   return(rc==RC_DONE || rc==RC_DONE_PARTIAL || rc==RC_PLACED);
  }

bool IsUnclearRetcode(const uint rc)
  {
   return(rc==RC_ERROR || rc==RC_TIMEOUT || rc==RC_CONNECTION);
  }

//+------------------------------------------------------------------+
//| A trade deal read from the history (5.11, 6.3)                   |
//+------------------------------------------------------------------+
struct DealInfo
  {
   ulong             ticket;
   ulong             order;
   ulong             position;
   string            symbol;
   string            side;
   string            entry;
   string            reason;
   double            volume;
   double            price;
   double            profit;
   double            commission;
   double            swap;
   long              magic;
   string            comment;
   string            coid;
   long              timeMsc;
   int               digits;
  };

//--- Reads a deal of the CURRENT history selection. false for deals that are
//--- not trades (balance, credit, commission ...), which the protocol leaves out.
bool ReadDeal(const ulong ticket,DealInfo &d)
  {
   long type=HistoryDealGetInteger(ticket,DEAL_TYPE);
   string side=DealSideName(type);
   if(side=="")
      return(false);
   d.ticket=ticket;
   d.order=(ulong)HistoryDealGetInteger(ticket,DEAL_ORDER);
   d.position=(ulong)HistoryDealGetInteger(ticket,DEAL_POSITION_ID);
   d.symbol=HistoryDealGetString(ticket,DEAL_SYMBOL);
   d.side=side;
   d.entry=DealEntryName(HistoryDealGetInteger(ticket,DEAL_ENTRY));
   d.reason=DealReasonName(HistoryDealGetInteger(ticket,DEAL_REASON));
   d.volume=HistoryDealGetDouble(ticket,DEAL_VOLUME);
   d.price=HistoryDealGetDouble(ticket,DEAL_PRICE);
   d.profit=HistoryDealGetDouble(ticket,DEAL_PROFIT);
   d.commission=HistoryDealGetDouble(ticket,DEAL_COMMISSION);
   d.swap=HistoryDealGetDouble(ticket,DEAL_SWAP);
   d.magic=HistoryDealGetInteger(ticket,DEAL_MAGIC);
   d.comment=HistoryDealGetString(ticket,DEAL_COMMENT);
   d.coid="";
   d.timeMsc=HistoryDealGetInteger(ticket,DEAL_TIME_MSC);
   d.digits=PriceDigits(d.symbol);
   return(true);
  }

//--- the fields shared by `deals` items and `trade` events; ticketKey is
//--- "ticket" in deals_reply and "deal" in trade events
void WriteDeal(CJsonWriter &w,const DealInfo &d,const string ticketKey)
  {
   w.ULong(ticketKey,d.ticket);
   w.ULong("order",d.order);
   w.ULong("position",d.position);
   w.Str("symbol",d.symbol);
   w.Str("side",d.side);
   w.Str("entry",d.entry);
   w.Str("reason",d.reason);
   w.Num("volume",d.volume,VOLUME_DIGITS);
   w.Num("price",d.price,d.digits);
   w.Num("profit",d.profit,MONEY_DIGITS);
   w.Num("commission",d.commission,MONEY_DIGITS);
   w.Num("swap",d.swap,MONEY_DIGITS);
   w.Long("magic",d.magic);
   w.Str("comment",d.comment);
   w.Str("client_order_id",d.coid);
  }

//--- Selects an open position by the `position` of a request, deal or event
//--- (PROTOCOL.md 5.9): its ticket, else its identifier. They differ after a
//--- netting reversal: POSITION_IDENTIFIER stays while POSITION_TICKET becomes
//--- the reversing order's (MQL5 reference, Position Properties), and the
//--- client knows the identifier. MqlTradeRequest::position takes the TICKET.
bool SelectPositionById(const long position)
  {
   if(position<=0)
      return(false);
   if(PositionSelectByTicket((ulong)position))
      return(true);
   int total=PositionsTotal();
   for(int i=0;i<total;i++)
     {
      ulong t=PositionGetTicket(i);          // selects it
      if(t!=0 && PositionGetInteger(POSITION_IDENTIFIER)==position)
         return(true);
     }
   return(false);
  }

//+------------------------------------------------------------------+
//| The trader: idempotent order/close, modify, lookups. EA thread.  |
//+------------------------------------------------------------------+
class CTrader
  {
private:
   CStringIndex      m_index;          // client order id -> slot
   string            m_ids[];
   int               m_states[];
   TradeOutcome      m_outcomes[];
   int               m_count;

   CStringIndex      m_positionIndex;  // position id (as text) -> slot in m_positionCoids
   string            m_positionCoids[];

   //--- stores (or replaces) the state and outcome of an id
   void              Store(const string coid,const int state,const TradeOutcome &o)
     {
      int slot=m_index.Get(coid);
      if(slot<0)
        {
         slot=m_count++;
         ArrayResize(m_ids,m_count,256);
         ArrayResize(m_states,m_count,256);
         ArrayResize(m_outcomes,m_count,256);
         m_index.Put(coid,slot);
        }
      m_ids[slot]=coid;
      m_states[slot]=state;
      m_outcomes[slot]=o;
      JournalAppend(slot);
     }

   //--- The id table is persisted (section 9): a journal in the terminal's
   //--- sandbox (MQL5\\Files), one tab-separated line per change, written before
   //--- OrderSend and after it, so an EA restart (or crash) never forgets an
   //--- id that was sent, even when the broker rewrites comments. The last line
   //--- of an id wins; a torn last line is skipped; entries older than 7 days
   //--- are dropped when the journal is compacted at start.
   string            m_journalName;
   int               m_journal;

   static string     Clean(const string s)
     {
      string t=s;
      StringReplace(t,"\t"," ");
      StringReplace(t,"\r"," ");
      StringReplace(t,"\n"," ");
      return(t);
     }

   string            JournalLine(const int slot)
     {
      TradeOutcome o=m_outcomes[slot];
      return(StringFormat("v1\t%s\t%d\t%s\t%u\t%u\t%I64u\t%I64u\t%I64u\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%I64d\t%d\t%I64d\t%s\t%s",
                          m_ids[slot],m_states[slot],Clean(o.terms),o.retcode,o.retcodeExternal,o.deal,o.order,o.position,
                          o.symbol,o.side,JsonNumber(o.requestedPrice,8),JsonNumber(o.requestedVolume,8),JsonNumber(o.price,8),
                          JsonNumber(o.volume,8),JsonNumber(o.bid,8),JsonNumber(o.ask,8),o.slippagePoints,o.digits,o.doneUtcMs,
                          Clean(o.comment),Clean(o.message)));
     }

   void              JournalAppend(const int slot)
     {
      if(m_journal==INVALID_HANDLE)
         return;
      FileWriteString(m_journal,JournalLine(slot)+"\r\n");
      FileFlush(m_journal);
     }

   //--- one journal line -> the table (false for a torn or foreign line)
   bool              JournalLoadLine(const string line)
     {
      string f[];
      if(StringSplit(line,'\t',f)!=22 || f[0]!="v1" || !IsPrintableAscii(f[1],ARIA_COMMENT_MAX))
         return(false);
      TradeOutcome o;
      OutcomeReset(o,f[1]);
      int state=(int)StringToInteger(f[2]);
      o.terms=f[3];
      o.retcode=(uint)StringToInteger(f[4]);
      o.retcodeExternal=(uint)StringToInteger(f[5]);
      o.deal=(ulong)StringToInteger(f[6]);
      o.order=(ulong)StringToInteger(f[7]);
      o.position=(ulong)StringToInteger(f[8]);
      o.symbol=f[9];
      o.side=f[10];
      o.requestedPrice=StringToDouble(f[11]);
      o.requestedVolume=StringToDouble(f[12]);
      o.price=StringToDouble(f[13]);
      o.volume=StringToDouble(f[14]);
      o.bid=StringToDouble(f[15]);
      o.ask=StringToDouble(f[16]);
      o.slippagePoints=StringToInteger(f[17]);
      o.digits=(int)StringToInteger(f[18]);
      o.doneUtcMs=StringToInteger(f[19]);
      o.comment=f[20];
      o.message=f[21];
      if(state<COID_FILLED || state>COID_UNCLEAR)
         return(false);
      int slot=m_index.Get(o.coid);
      if(slot<0)
        {
         slot=m_count++;
         ArrayResize(m_ids,m_count,256);
         ArrayResize(m_states,m_count,256);
         ArrayResize(m_outcomes,m_count,256);
         m_index.Put(o.coid,slot);
        }
      m_ids[slot]=o.coid;
      m_states[slot]=state;
      m_outcomes[slot]=o;
      return(true);
     }

   void              OutcomeFenced(TradeOutcome &o,const string coid)
     {
      OutcomeReset(o,coid);
      o.retcode=RC_REJECT;
      o.comment="client order id fenced";
      o.message="client order id fenced";
     }

   //--- fills bid/ask from the last tick when the result did not carry them
   void              FillMarket(TradeOutcome &o)
     {
      if(o.bid>0.0 && o.ask>0.0)
         return;
      MqlTick t;
      if(SymbolInfoTick(o.symbol,t))
        {
         o.bid=t.bid;
         o.ask=t.ask;
        }
     }

   void              ComputeSlippage(TradeOutcome &o)
     {
      o.slippagePoints=0;
      double point=SymbolInfoDouble(o.symbol,SYMBOL_POINT);
      if(o.volume<=0.0 || o.price<=0.0 || o.requestedPrice<=0.0 || point<=0.0)
         return;
      double diff=(o.side=="buy" ? o.price-o.requestedPrice : o.requestedPrice-o.price);
      o.slippagePoints=(long)MathRound(diff/point);
     }

   //--- TRADE_ACTION_DEAL at the current price; fills o from the result
   void              SendDeal(const OrderParams &p,TradeOutcome &o)
     {
      OutcomeReset(o,p.coid);
      o.symbol=p.symbol;
      o.side=p.side;
      o.digits=PriceDigits(p.symbol);
      o.requestedPrice=p.price;
      o.requestedVolume=p.volume;
      bool buy=(p.side=="buy");

      MqlTick tick;
      if(!SymbolInfoTick(p.symbol,tick) || (buy ? tick.ask : tick.bid)<=0.0)
        {
         o.retcode=RC_PRICE_OFF;
         o.comment="no quote for "+p.symbol;
         return;
        }
      ENUM_ORDER_TYPE_FILLING filling=ORDER_FILLING_FOK;
      string fillingProblem="";
      if(!ChooseFilling(p.symbol,p.filling,filling,fillingProblem))
        {
         o.retcode=RC_INVALID_FILL;
         o.comment=fillingProblem;
         o.message=fillingProblem;
         FillMarket(o);
         return;
        }
      double volume=VolumeDown(p.symbol,p.volume);
      double vmin=SymbolInfoDouble(p.symbol,SYMBOL_VOLUME_MIN);
      double vmax=SymbolInfoDouble(p.symbol,SYMBOL_VOLUME_MAX);
      if(volume<=0.0 || volume<vmin-1e-12 || volume>vmax+1e-12)
        {
         o.retcode=RC_INVALID_VOLUME;
         o.comment=StringFormat("volume %s is not in [%s, %s] on the step %s",JsonNumber(p.volume,8),JsonNumber(vmin,8),
                                JsonNumber(vmax,8),JsonNumber(SymbolInfoDouble(p.symbol,SYMBOL_VOLUME_STEP),8));
         o.message=o.comment;
         FillMarket(o);
         return;
        }

      MqlTradeRequest req;
      MqlTradeResult  res;
      ZeroMemory(req);
      ZeroMemory(res);
      req.action      =TRADE_ACTION_DEAL;
      req.symbol      =p.symbol;
      req.volume      =volume;
      req.type        =(buy ? ORDER_TYPE_BUY : ORDER_TYPE_SELL);
      req.price       =(buy ? tick.ask : tick.bid);   // the current price, not p.price (5.5)
      req.sl          =PriceOnGrid(p.symbol,p.sl);
      req.tp          =PriceOnGrid(p.symbol,p.tp);
      req.deviation   =(ulong)p.deviation;
      req.magic       =(ulong)p.magic;
      req.comment     =StringSubstr(p.coid,0,ARIA_COMMENT_MAX);
      req.type_filling=filling;
      req.type_time   =ORDER_TIME_GTC;
      // On netting accounts MT5 finds the position by symbol; the ticket is
      // only given on hedging accounts (as the standard library's CTrade does).
      if(p.position>0 && IsHedgingAccount())
         req.position=(SelectPositionById(p.position) ? (ulong)PositionGetInteger(POSITION_TICKET) : (ulong)p.position);
      if(o.requestedPrice<=0.0)
         o.requestedPrice=req.price;

      ResetLastError();
      bool sent=OrderSend(req,res);
      int err=GetLastError();

      o.retcode=res.retcode;
      o.retcodeExternal=(uint)res.retcode_external;
      o.comment=res.comment;
      o.deal=res.deal;
      o.order=res.order;
      o.volume=res.volume;
      o.price=res.price;
      o.bid=res.bid;
      o.ask=res.ask;
      o.doneUtcMs=UtcNowMs();
      if(!sent && res.retcode==0)
        {
         // rejected by the terminal's own checks: nothing reached the server
         o.retcode=RC_INVALID;
         o.comment=StringFormat("OrderSend failed in the terminal, error %d",err);
        }

      if(IsTradedRetcode(o.retcode))
        {
         // the deal may not be in the local history yet: fall back below
         if(o.deal>0 && HistoryDealSelect(o.deal))
           {
            o.position=(ulong)HistoryDealGetInteger(o.deal,DEAL_POSITION_ID);
            if(o.price<=0.0)
               o.price=HistoryDealGetDouble(o.deal,DEAL_PRICE);
            if(o.volume<=0.0)
               o.volume=HistoryDealGetDouble(o.deal,DEAL_VOLUME);
           }
         if(o.position==0)
           {
            if(p.position>0)
               o.position=(ulong)p.position;
            else if(IsHedgingAccount())
               o.position=o.order;       // hedging: a position's id is its opening order's ticket
            else if(PositionSelect(p.symbol))
               o.position=(ulong)PositionGetInteger(POSITION_IDENTIFIER);
           }
         // DONE means the whole request was filled (FOK/IOC fills report
         // DONE_PARTIAL otherwise): the requested volume when none came back
         if(o.volume<=0.0 && o.retcode==RC_DONE)
            o.volume=req.volume;
         if(o.price<=0.0 && o.volume>0.0)
            o.price=req.price;             // last resort: the price sent
        }
      FillMarket(o);
      ComputeSlippage(o);
     }

   //--- An open position, an active order, or a deal or order of the last 7
   //--- days whose comment is this id: the id was sent before (e.g. before an
   //--- EA restart). LOOKUP_UNKNOWN when the history cannot be read (then the
   //--- absence of the id proves nothing).
   int               LookupTraded(const string coid,TradeOutcome &o)
     {
      string c31=StringSubstr(coid,0,ARIA_COMMENT_MAX);
      // 1. open positions (cheap, and independent of the history selection)
      int total=PositionsTotal();
      for(int i=0;i<total;i++)
        {
         ulong ticket=PositionGetTicket(i);   // also selects it
         if(ticket==0 || PositionGetString(POSITION_COMMENT)!=c31)
            continue;
         OutcomeReset(o,coid);
         o.symbol=PositionGetString(POSITION_SYMBOL);
         o.side=PositionSideName(PositionGetInteger(POSITION_TYPE));
         o.digits=PriceDigits(o.symbol);
         o.retcode=RC_DONE;
         o.comment="recovered from open positions";
         o.order=(ulong)PositionGetInteger(POSITION_IDENTIFIER);
         o.position=(ulong)PositionGetInteger(POSITION_IDENTIFIER);   // 5.9: position fields are identifiers
         o.price=PositionGetDouble(POSITION_PRICE_OPEN);
         o.volume=PositionGetDouble(POSITION_VOLUME);
         o.requestedPrice=o.price;
         o.requestedVolume=o.volume;
         return(LOOKUP_FOUND);
        }
      // 2. active orders: placed (RETURN/exchange execution) but not filled yet
      int orders=OrdersTotal();
      for(int i=0;i<orders;i++)
        {
         ulong ticket=OrderGetTicket(i);      // also selects it
         if(ticket==0 || OrderGetString(ORDER_COMMENT)!=c31)
            continue;
         OutcomeReset(o,coid);
         o.symbol=OrderGetString(ORDER_SYMBOL);
         o.side=(OrderGetInteger(ORDER_TYPE)%2==0 ? "buy" : "sell");
         o.digits=PriceDigits(o.symbol);
         o.retcode=RC_PLACED;
         o.comment="recovered from active orders";
         o.order=ticket;
         o.requestedPrice=OrderGetDouble(ORDER_PRICE_OPEN);
         o.requestedVolume=OrderGetDouble(ORDER_VOLUME_INITIAL);
         return(LOOKUP_FOUND);
        }
      // 3. deals of the last 7 days (opening, or closing for a `close` id);
      // an offline terminal's history may lack the newest deals
      if(!TerminalInfoInteger(TERMINAL_CONNECTED))
         return(LOOKUP_UNKNOWN);
      datetime now=TimeTradeServer();
      if(!HistorySelect(now-HISTORY_LOOKBACK_S,now+86400))
         return(LOOKUP_UNKNOWN);
      int deals=HistoryDealsTotal();
      ulong found=0;
      ulong foundOrder=0;
      double volume=0.0,notional=0.0;
      for(int i=0;i<deals;i++)
        {
         ulong t=HistoryDealGetTicket(i);
         if(t==0)
            continue;
         if(found==0)
           {
            if(HistoryDealGetString(t,DEAL_COMMENT)!=c31 || DealSideName(HistoryDealGetInteger(t,DEAL_TYPE))=="")
               continue;
            found=t;
            foundOrder=(ulong)HistoryDealGetInteger(t,DEAL_ORDER);
            OutcomeReset(o,coid);
            o.symbol=HistoryDealGetString(t,DEAL_SYMBOL);
            o.side=DealSideName(HistoryDealGetInteger(t,DEAL_TYPE));
            o.digits=PriceDigits(o.symbol);
            o.retcode=RC_DONE;
            o.comment="recovered from history";
            o.deal=t;
            o.order=foundOrder;
            o.position=(ulong)HistoryDealGetInteger(t,DEAL_POSITION_ID);
           }
         // all deals of the same order (partial fills) add up
         if((ulong)HistoryDealGetInteger(t,DEAL_ORDER)==foundOrder)
           {
            double v=HistoryDealGetDouble(t,DEAL_VOLUME);
            volume+=v;
            notional+=v*HistoryDealGetDouble(t,DEAL_PRICE);
           }
        }
      if(found==0)
        {
         // 4. history orders: filled or being filled, whatever their deals' comments say
         int hist=HistoryOrdersTotal();
         for(int i=0;i<hist;i++)
           {
            ulong t=HistoryOrderGetTicket(i);
            if(t==0 || HistoryOrderGetString(t,ORDER_COMMENT)!=c31)
               continue;
            long st=HistoryOrderGetInteger(t,ORDER_STATE);
            if(st!=ORDER_STATE_FILLED && st!=ORDER_STATE_PARTIAL)
               continue;                    // canceled, rejected, expired: nothing traded
            OutcomeReset(o,coid);
            o.symbol=HistoryOrderGetString(t,ORDER_SYMBOL);
            o.side=(HistoryOrderGetInteger(t,ORDER_TYPE)%2==0 ? "buy" : "sell");
            o.digits=PriceDigits(o.symbol);
            o.retcode=RC_DONE;
            o.comment="recovered from order history";
            o.order=t;
            o.position=(ulong)HistoryOrderGetInteger(t,ORDER_POSITION_ID);
            o.volume=HistoryOrderGetDouble(t,ORDER_VOLUME_INITIAL)-HistoryOrderGetDouble(t,ORDER_VOLUME_CURRENT);
            o.price=HistoryOrderGetDouble(t,ORDER_PRICE_OPEN);
            o.requestedPrice=o.price;
            o.requestedVolume=HistoryOrderGetDouble(t,ORDER_VOLUME_INITIAL);
            return(LOOKUP_FOUND);
           }
         return(LOOKUP_NONE);
        }
      o.volume=volume;
      o.price=(volume>0.0 ? notional/volume : 0.0);
      o.requestedPrice=o.price;
      o.requestedVolume=o.volume;
      return(LOOKUP_FOUND);
     }

   void              RememberPosition(const ulong position,const string coid)
     {
      if(position==0 || coid=="")
         return;
      string key=IntegerToString((long)position);
      int slot=m_positionIndex.Get(key);
      if(slot>=0)
         return;
      slot=ArraySize(m_positionCoids);
      ArrayResize(m_positionCoids,slot+1,256);
      m_positionCoids[slot]=coid;
      m_positionIndex.Put(key,slot);
     }

   //--- true when a stored or recovered outcome is for the same request terms.
   //--- Outcomes rebuilt from history carry no terms: their symbol and side
   //--- (order) or position (close) are compared.
   bool              SameTerms(const TradeOutcome &stored,const string terms)
     {
      if(stored.terms!="")
         return(stored.terms==terms);
      string parts[];
      int n=StringSplit(terms,'|',parts);
      if(n>=3 && parts[0]=="order")
         return(parts[1]==stored.symbol && parts[2]==stored.side);
      if(n>=2 && parts[0]=="close")
         return(stored.position==0 || parts[1]==IntegerToString((long)stored.position));
      return(true);
     }

   //--- Steps 1-4 of section 9. true = answer `o` now (no send). conflict is
   //--- set (with `why`) when the id is known with other terms: never a duplicate.
   bool              CheckIdempotency(const string coid,const string terms,TradeOutcome &o,bool &duplicate,
                                      bool &conflict,string &why)
     {
      duplicate=false;
      conflict=false;
      int slot=m_index.Get(coid);
      if(slot>=0)
        {
         int state=m_states[slot];
         if(state==COID_FENCED)
           {
            OutcomeFenced(o,coid);
            return(true);
           }
         if(state==COID_FILLED || state==COID_UNCLEAR)
           {
            if(!SameTerms(m_outcomes[slot],terms))
              {
               conflict=true;
               why=ConflictText(coid,m_outcomes[slot],terms);
               return(true);
              }
            if(state==COID_FILLED)
              {
               o=m_outcomes[slot];
               duplicate=true;
               return(true);
              }
            // unclear: may have traded: never send again; prefer what the history says
            string keep=m_outcomes[slot].terms;
            if(LookupTraded(coid,o)==LOOKUP_FOUND)
              {
               o.terms=keep;
               Store(coid,COID_FILLED,o);
              }
            else
               o=m_outcomes[slot];
            duplicate=true;
            return(true);
           }
         // COID_REJECTED: the id is free again, go on
        }
      int found=LookupTraded(coid,o);
      if(found==LOOKUP_UNKNOWN)
        {
         // the id may have been sent by an EA that lost its table: do not send
         // while the history cannot say; nothing is stored, a resend checks again
         OutcomeReset(o,coid);
         o.retcode=RC_CONNECTION;
         o.comment="the account history cannot be read now (terminal offline or HistorySelect failed), so this id "
                   "cannot be checked; nothing was sent: ask order_status";
         o.message=o.comment;
         return(true);
        }
      if(found==LOOKUP_FOUND)
        {
         if(!SameTerms(o,terms))
           {
            conflict=true;
            why=ConflictText(coid,o,terms);
            return(true);
           }
         // (no RememberPosition: for a close id o.position is not its own position)
         Store(coid,COID_FILLED,o);
         duplicate=true;
         return(true);
        }
      return(false);
     }

   string            ConflictText(const string coid,const TradeOutcome &stored,const string terms)
     {
      string was=(stored.terms!="" ? stored.terms : "order|"+stored.symbol+"|"+stored.side+" (from history)");
      return(StringFormat("client_order_id \"%s\" was used for %s; this request is %s",coid,was,terms));
     }

   //--- Steps 5-6 of section 9, after CheckIdempotency said "go on".
   void              SendChecked(const OrderParams &p,const bool isClose,const string terms,TradeOutcome &o)
     {
      // step 5: too late to send
      if(p.expiresUtcMs>0 && UtcNowMs()>p.expiresUtcMs)
        {
         OutcomeReset(o,p.coid);
         o.symbol=p.symbol;
         o.side=p.side;
         o.digits=PriceDigits(p.symbol);
         o.requestedPrice=p.price;
         o.requestedVolume=p.volume;
         o.retcode=RC_TIMEOUT;
         o.comment="expired";
         o.message="expired";
         o.terms=terms;
         Store(p.coid,COID_FENCED,o);
         return;
        }
      // step 6: write ahead (a crash during OrderSend leaves the id unclear,
      // never free), send, and remember
      TradeOutcome ahead;
      OutcomeReset(ahead,p.coid);
      ahead.symbol=p.symbol;
      ahead.side=p.side;
      ahead.digits=PriceDigits(p.symbol);
      ahead.requestedPrice=p.price;
      ahead.requestedVolume=p.volume;
      ahead.retcode=RC_TIMEOUT;
      ahead.comment="the EA stopped before OrderSend returned";
      ahead.terms=terms;
      Store(p.coid,COID_UNCLEAR,ahead);
      if(isClose)
         SendClose(p,o);
      else
         SendDeal(p,o);
      o.terms=terms;
      int state=COID_REJECTED;
      if(IsTradedRetcode(o.retcode) || o.volume>0.0)
         state=COID_FILLED;
      else if(IsUnclearRetcode(o.retcode))
         state=COID_UNCLEAR;
      Store(p.coid,state,o);
      if(state==COID_FILLED && !isClose)
         RememberPosition(o.position,p.coid);
     }

   //--- A close above SYMBOL_VOLUME_MAX goes out as several deals of at most
   //--- the maximum, as MetaQuotes' CTrade::PositionClose does. The outcome
   //--- adds them up (volume-weighted price); a part that fails after others
   //--- traded makes it DONE_PARTIAL.
   void              SendClose(const OrderParams &p,TradeOutcome &o)
     {
      double vmax=SymbolInfoDouble(p.symbol,SYMBOL_VOLUME_MAX);
      double remaining=VolumeDown(p.symbol,p.volume);
      double filled=0.0,notional=0.0;
      double requestedPrice=0.0;
      OrderParams part=p;
      TradeOutcome first;
      bool any=false;
      for(int guard=0;guard<1000;guard++)
        {
         part.volume=(vmax>0.0 && remaining>vmax ? vmax : remaining);
         SendDeal(part,o);
         if(guard==0)
           {
            first=o;
            requestedPrice=o.requestedPrice;
           }
         if(!IsTradedRetcode(o.retcode) || o.volume<=0.0)
            break;
         any=true;
         filled+=o.volume;
         notional+=o.volume*o.price;
         remaining=NormalizeDouble(remaining-o.volume,8);
         if(remaining<=1e-9 || o.volume<part.volume-1e-9)
            break;
        }
      if(!any)
         return;
      bool complete=(remaining<=1e-9);
      if(!IsTradedRetcode(o.retcode) || o.volume<=0.0)
        {
         // the last part failed: keep the tickets of the last part that traded
         string why=o.comment;
         uint code=o.retcode;
         o=first;
         o.comment=StringFormat("%s (a later part failed: %u %s)",first.comment,code,why);
        }
      o.retcode=(complete ? RC_DONE : RC_DONE_PARTIAL);
      o.volume=NormalizeDouble(filled,8);
      o.price=notional/filled;
      o.requestedVolume=p.volume;
      o.requestedPrice=requestedPrice;
      ComputeSlippage(o);
     }

public:
                     CTrader() : m_count(0),m_journalName(""),m_journal(INVALID_HANDLE) {}
                    ~CTrader() { CloseJournal(); }

   void              CloseJournal()
     {
      if(m_journal!=INVALID_HANDLE)
         FileClose(m_journal);
      m_journal=INVALID_HANDLE;
     }

   //--- Loads the persisted id table (its own file per account), compacts it
   //--- and keeps it open for appending. The in-memory table starts from it:
   //--- globals survive a re-initialisation, so it is cleared first.
   bool              OpenJournal(const string name)
     {
      CloseJournal();
      m_index.Clear();
      m_positionIndex.Clear();
      m_count=0;
      ArrayResize(m_ids,0);
      ArrayResize(m_states,0);
      ArrayResize(m_outcomes,0);
      ArrayResize(m_positionCoids,0);
      m_journalName=name;
      int loaded=0,skipped=0;
      if(FileIsExist(name))
        {
         int h=FileOpen(name,FILE_READ|FILE_TXT|FILE_ANSI|FILE_SHARE_READ);
         if(h==INVALID_HANDLE)
           {
            PrintFormat("ARIA bridge: cannot read the id journal %s (error %d): ids sent before are found in the history only",
                        name,GetLastError());
           }
         else
           {
            while(!FileIsEnding(h))
              {
               string line=FileReadString(h);
               if(line=="")
                  continue;
               if(JournalLoadLine(line))
                  loaded++;
               else
                  skipped++;
              }
            FileClose(h);
           }
        }
      // compact: the ids of the last 7 days, one line each
      string tmp=name+".tmp";
      int w=FileOpen(tmp,FILE_WRITE|FILE_TXT|FILE_ANSI);
      if(w!=INVALID_HANDLE)
        {
         long cutoff=UtcNowMs()-JOURNAL_KEEP_MS;
         for(int i=0;i<m_count;i++)
            if(m_outcomes[i].doneUtcMs>=cutoff)
               FileWriteString(w,JournalLine(i)+"\r\n");
         FileClose(w);
         if(!FileMove(tmp,0,name,FILE_REWRITE))
            PrintFormat("ARIA bridge: could not replace the id journal %s (error %d)",name,GetLastError());
        }
      m_journal=FileOpen(name,FILE_READ|FILE_WRITE|FILE_TXT|FILE_ANSI|FILE_SHARE_READ);
      if(m_journal==INVALID_HANDLE)
        {
         PrintFormat("ARIA bridge: cannot write the id journal %s (error %d): ids are kept in memory only",name,GetLastError());
         return(false);
        }
      FileSeek(m_journal,0,SEEK_END);
      for(int i=0;i<m_count;i++)
         if(m_states[i]==COID_FILLED && StringFind(m_outcomes[i].terms,"order|")==0)
            RememberPosition(m_outcomes[i].position,m_ids[i]);
      PrintFormat("ARIA bridge: id journal %s: %d ids loaded%s",name,loaded,
                  skipped>0 ? StringFormat(", %d unreadable lines skipped",skipped) : "");
      return(true);
     }

   //--- Idempotent market order (sections 5.5, 9). p must be validated.
   void              Submit(const OrderParams &p,TradeOutcome &o,bool &duplicate,bool &conflict,string &why)
     {
      string terms=StringFormat("order|%s|%s|%s|%I64d",p.symbol,p.side,JsonNumber(p.volume,8),p.position);
      if(CheckIdempotency(p.coid,terms,o,duplicate,conflict,why))
         return;
      SendChecked(p,false,terms,o);
     }

   //--- Prepares the close of a position (5.6). false with o filled when the
   //--- position does not exist (10036) or the volume is larger than the
   //--- position's (10014: on a netting account the rest would open an
   //--- opposite position); nothing is sent then.
   bool              PrepareClose(const long ticket,const double volume,const double price,
                                  const long deviation,const string coid,const long expiresUtcMs,
                                  OrderParams &p,TradeOutcome &o)
     {
      if(!SelectPositionById(ticket))
        {
         OutcomeReset(o,coid);
         o.retcode=RC_POSITION_CLOSED;
         o.comment="position not found";
         o.position=(ticket>0 ? (ulong)ticket : (ulong)0);
         return(false);
        }
      p.coid=coid;
      p.symbol=PositionGetString(POSITION_SYMBOL);
      p.side=(PositionGetInteger(POSITION_TYPE)==POSITION_TYPE_BUY ? "sell" : "buy");
      double open=PositionGetDouble(POSITION_VOLUME);
      p.volume=(volume>0.0 ? volume : open);
      p.price=price;                     // 0: the current price, only for slippage
      p.sl=0.0;
      p.tp=0.0;
      p.deviation=deviation;
      p.magic=PositionGetInteger(POSITION_MAGIC);
      p.position=PositionGetInteger(POSITION_IDENTIFIER);   // the ticket is looked up again when sent
      p.filling="";
      p.expiresUtcMs=expiresUtcMs;
      if(volume>open*(1.0+1e-9))
        {
         OutcomeReset(o,coid);
         o.symbol=p.symbol;
         o.side=p.side;
         o.digits=PriceDigits(p.symbol);
         o.position=(ulong)p.position;
         o.requestedPrice=price;
         o.requestedVolume=volume;
         o.retcode=RC_INVALID_VOLUME;
         o.comment=StringFormat("close volume %s is larger than the position's %s",JsonNumber(volume,8),JsonNumber(open,8));
         o.message=o.comment;
         FillMarket(o);
         return(false);
        }
      return(true);
     }

   //--- Close: the idempotency check comes first, so a resent close of a
   //--- position that the first close removed answers the first outcome.
   void              Close(const long ticket,const double volume,const double price,const long deviation,
                           const string coid,const long expiresUtcMs,TradeOutcome &o,bool &duplicate,
                           bool &conflict,string &why)
     {
      string terms=StringFormat("close|%I64d|%s",ticket,JsonNumber(volume,8));
      if(CheckIdempotency(coid,terms,o,duplicate,conflict,why))
         return;
      OrderParams p;
      if(!PrepareClose(ticket,volume,price,deviation,coid,expiresUtcMs,p,o))
        {
         o.terms=terms;
         Store(coid,COID_REJECTED,o);
         return;
        }
      SendChecked(p,true,terms,o);
     }

   //--- TRADE_ACTION_SLTP (5.7)
   void              Modify(const long ticket,const double sl,const double tp,
                            uint &retcode,uint &retcodeExternal,string &comment)
     {
      retcodeExternal=0;
      if(!SelectPositionById(ticket))
        {
         retcode=RC_POSITION_CLOSED;
         comment="position not found";
         return;
        }
      MqlTradeRequest req;
      MqlTradeResult  res;
      ZeroMemory(req);
      ZeroMemory(res);
      req.action  =TRADE_ACTION_SLTP;
      req.symbol  =PositionGetString(POSITION_SYMBOL);
      req.position=(ulong)PositionGetInteger(POSITION_TICKET);
      req.sl      =sl;
      req.tp      =tp;
      req.magic   =(ulong)PositionGetInteger(POSITION_MAGIC);
      ResetLastError();
      bool sent=OrderSend(req,res);
      retcode=res.retcode;
      retcodeExternal=(uint)res.retcode_external;
      comment=res.comment;
      if(!sent && res.retcode==0)
        {
         retcode=RC_INVALID;
         comment=StringFormat("OrderSend failed in the terminal, error %d",GetLastError());
        }
     }

   //--- order_status (5.13). state is "filled", "rejected", "in_flight" or
   //--- "not_found"; o is meaningful for filled/rejected.
   string            Status(const string coid,TradeOutcome &o)
     {
      int slot=m_index.Get(coid);
      if(slot>=0)
        {
         int state=m_states[slot];
         if(state==COID_FILLED)
           {
            o=m_outcomes[slot];
            return("filled");
           }
         if(state==COID_REJECTED)
           {
            o=m_outcomes[slot];
            return("rejected");
           }
         if(state==COID_FENCED)
            return("not_found");
         // COID_UNCLEAR: the server may still report the deal
         string keep=m_outcomes[slot].terms;
         int found=LookupTraded(coid,o);
         if(found==LOOKUP_FOUND)
           {
            o.terms=keep;
            Store(coid,COID_FILLED,o);
            return("filled");
           }
         if(found==LOOKUP_UNKNOWN || UtcNowMs()-m_outcomes[slot].doneUtcMs<UNCLEAR_GRACE_MS)
            return("in_flight");
        }
      else
        {
         int found=LookupTraded(coid,o);
         if(found==LOOKUP_FOUND)
           {
            Store(coid,COID_FILLED,o);
            return("filled");
           }
         // absence proves nothing while the history cannot be read: no fence
         if(found==LOOKUP_UNKNOWN)
            return("in_flight");
        }
      // the fence: not_found is final
      TradeOutcome fenced;
      OutcomeFenced(fenced,coid);
      Store(coid,COID_FENCED,fenced);
      return("not_found");
     }

   //--- The client order id of a deal (5.11): an opening deal's own comment,
   //--- else the comment of the position's opening order. Call only after
   //--- the deal's fields were copied: this may change the history selection.
   void              ResolveClientOrderId(DealInfo &d)
     {
      if(d.entry=="in")
        {
         d.coid=d.comment;
         RememberPosition(d.position,d.comment);
         return;
        }
      if(d.position==0)
         return;
      string key=IntegerToString((long)d.position);
      int slot=m_positionIndex.Get(key);
      if(slot>=0)
        {
         d.coid=m_positionCoids[slot];
         return;
        }
      // a position's identifier is the ticket of the order that opened it
      string c="";
      if(HistoryOrderSelect(d.position))
         c=HistoryOrderGetString(d.position,ORDER_COMMENT);
      else if(SelectPositionById((long)d.position))
         c=PositionGetString(POSITION_COMMENT);
      d.coid=c;
      RememberPosition(d.position,c);
     }
  };

#endif // ARIA_TRADING_MQH
//+------------------------------------------------------------------+
