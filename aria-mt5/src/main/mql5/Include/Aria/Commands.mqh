//+------------------------------------------------------------------+
//| Commands.mqh - the bridge: request dispatch and event publishing |
//|                                                                  |
//| One CBridge lives in AriaBridge.mq5. It owns the sockets, the    |
//| tick streamer and the trader, answers every request it can parse |
//| exactly once (PROTOCOL.md section 3) and publishes heartbeats,   |
//| ticks and trade events (section 6). EA thread only.              |
//+------------------------------------------------------------------+
#ifndef ARIA_COMMANDS_MQH
#define ARIA_COMMANDS_MQH

#include "Protocol.mqh"
#include "Ticks.mqh"
#include "Trading.mqh"

#define ARIA_ERR_BUSY "busy"
#define ARIA_ERR_CONFLICT "conflict"
#define ARIA_HISTORY_SCAN_MS 1000      // missed trade deals are looked for this often (6.3)
#define ARIA_PUBLISHED_DEALS 4096      // deal tickets remembered for de-duplication
// Paging (PROTOCOL.md 2, 5.2, 5.11): the entries of one `deals`/`symbols` reply take at most
// this many UTF-8 bytes; the rest of the 1 MiB frame (type, id of at most 64 characters, `more`,
// `next`, times) needs well under 1 KiB, so no reply passes ARIA_MAX_FRAME.
#define ARIA_PAGE_BUDGET (ARIA_MAX_FRAME-16384)

//+------------------------------------------------------------------+
//| Settings taken from the EA inputs                                |
//+------------------------------------------------------------------+
struct BridgeSettings
  {
   string            bindAddress;
   int               commandPort;
   int               publishPort;
   long              defaultMagic;
   string            curveSecretKey;
   int               heartbeatMs;
   int               maxCommandsPerPump;
   int               maxTicksPerSymbol;
   int               pubHighWaterMark;
  };

//+------------------------------------------------------------------+
//| Reads request fields and remembers the first problem, worded as  |
//| 'field "volume" must be a number > 0, got "abc"'.                |
//+------------------------------------------------------------------+
class CFields
  {
private:
   CJsonNode        *m_req;
   string            m_error;

   void              Fail(const string key,const string expectation)
     {
      if(m_error!="")
         return;
      string shown=JsonShow(m_req,key);
      if(StringLen(shown)>200)
         shown=StringSubstr(shown,0,200)+"...";
      m_error=StringFormat("field \"%s\" must be %s, got %s",key,expectation,shown);
     }

public:
                     CFields(CJsonNode *req) : m_error("") { m_req=req; }

   bool              Ok()    const { return(m_error==""); }
   string            Error() const { return(m_error); }

   //--- a string of minLen..maxLen characters; def when absent and optional
   string            Str(const string key,const bool required,const string def,const int minLen,const int maxLen)
     {
      if(JsonIsAbsent(m_req,key))
        {
         if(required)
            Fail(key,"present");
         return(def);
        }
      string v="";
      if(!JsonGetString(m_req,key,v) || StringLen(v)<minLen || StringLen(v)>maxLen)
        {
         Fail(key,StringFormat("a string of %d to %d characters",minLen,maxLen));
         return(def);
        }
      return(v);
     }

   //--- one of a fixed set of strings, given as "a|b|c"
   string            OneOf(const string key,const bool required,const string def,const string choices)
     {
      string v=Str(key,required,def,0,64);
      if(!Ok())
         return(def);
      // a leading '|' in choices means "" is allowed (StringSplit's handling
      // of empty parts is not relied on)
      if(v=="" && StringGetCharacter(choices,0)=='|')
         return(v);
      string parts[];
      int n=StringSplit(choices,'|',parts);
      for(int i=0;i<n;i++)
         if(parts[i]==v)
            return(v);
      Fail(key,"one of "+choices);
      return(def);
     }

   //--- a number >= min (or > min when exclusive)
   double            Num(const string key,const bool required,const double def,const double lo,const bool exclusive)
     {
      if(JsonIsAbsent(m_req,key))
        {
         if(required)
            Fail(key,"present");
         return(def);
        }
      double v=0.0;
      if(!JsonGetDouble(m_req,key,v) || !MathIsValidNumber(v) || v<lo || (exclusive && v==lo))
        {
         Fail(key,StringFormat("a number %s %s",exclusive ? ">" : ">=",JsonNumber(lo,8)));
         return(def);
        }
      return(v);
     }

   //--- an integer in [min, max]
   long              Int(const string key,const bool required,const long def,const long lo,const long hi)
     {
      if(JsonIsAbsent(m_req,key))
        {
         if(required)
            Fail(key,"present");
         return(def);
        }
      long v=0;
      if(!JsonGetLong(m_req,key,v) || v<lo || v>hi)
        {
         Fail(key,StringFormat("an integer from %I64d to %I64d",lo,hi));
         return(def);
        }
      return(v);
     }

   //--- an array of strings; absent = empty
   void              StrArray(const string key,const bool required,string &out[])
     {
      ArrayResize(out,0);
      if(JsonIsAbsent(m_req,key))
        {
         if(required)
            Fail(key,"present");
         return;
        }
      CJsonNode *arr=m_req.Get(key);
      if(arr.type!=JSON_ARRAY)
        {
         Fail(key,"an array of strings");
         return;
        }
      int n=arr.Size();
      ArrayResize(out,n);
      for(int i=0;i<n;i++)
        {
         CJsonNode *e=arr.At(i);
         if(e==NULL || e.type!=JSON_STRING)
           {
            Fail(key,"an array of strings");
            ArrayResize(out,0);
            return;
           }
         out[i]=e.strValue;
        }
     }

   //--- a client order id (section 9): printable ASCII, 1..31 characters
   string            ClientOrderId(const string key,const int maxLen)
     {
      string v=Str(key,true,"",1,maxLen);
      if(Ok() && !IsPrintableAscii(v,maxLen))
         Fail(key,StringFormat("printable ASCII of 1 to %d characters",maxLen));
      return(v);
     }
  };

//+------------------------------------------------------------------+
//| The bridge                                                       |
//+------------------------------------------------------------------+
class CBridge
  {
private:
   BridgeSettings    m_cfg;
   CBridgeIo         m_io;
   CTickStreamer     m_ticks;
   CTrader           m_trader;
   CJsonParser       m_parser;
   CJsonWriter       m_w;
   CJsonWriter       m_item;            // one entry of a paged reply, measured before it is added
   uchar             m_itemBytes[];
   ulong             m_lastHeartbeat;   // GetTickCount64() of the last heartbeat
   ulong             m_lastScan;        // GetTickCount64() of the last history scan
   ulong             m_published[];     // deal tickets published, ascending
   ulong             m_baselineDeal;    // the newest deal before the EA started: older ones are history
   ulong             m_lastDeal;
   long              m_requests;
   long              m_malformed;

   //--- account fields shared by hello_reply and account_reply
   void              WriteAccountCore(CJsonWriter &w)
     {
      w.Long("login",AccountInfoInteger(ACCOUNT_LOGIN));
      w.Str("server",AccountInfoString(ACCOUNT_SERVER));
      w.Str("currency",AccountInfoString(ACCOUNT_CURRENCY));
      w.Long("leverage",AccountInfoInteger(ACCOUNT_LEVERAGE));
      w.Str("margin_mode",MarginModeName());
     }

   //----------------------------------------------------------------- hello (4)
   string            OnHello(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      long protocol=f.Int("protocol",true,0,0,1000000);
      string client=f.Str("client",false,"",0,200);
      f.Int("heartbeat_ms",false,1000,1,3600000);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      if(protocol!=ARIA_PROTOCOL_VERSION)
         return(ErrorReply(type,id,ARIA_ERR_VERSION,
                           StringFormat("field \"protocol\" %I64d is not spoken here; this terminal speaks %d",protocol,ARIA_PROTOCOL_VERSION)));
      if(client=="")
         client="an unnamed client";
      PrintFormat("ARIA bridge: hello from %s",client);
      BeginReply(m_w,type,id,true);
      m_w.Long("protocol",ARIA_PROTOCOL_VERSION);
      m_w.Str("terminal",ARIA_TERMINAL_NAME);
      m_w.Str("session",m_io.Session());
      m_w.Long("heartbeat_ms",m_cfg.heartbeatMs);
      m_w.Long("pub_seq",m_io.LastSeq());
      WriteAccountCore(m_w);
      m_w.Str("company",AccountInfoString(ACCOUNT_COMPANY));
      m_w.Str("name",AccountInfoString(ACCOUNT_NAME));
      m_w.Bool("trade_allowed",AccountInfoInteger(ACCOUNT_TRADE_ALLOWED)!=0);
      m_w.Bool("expert_allowed",AccountInfoInteger(ACCOUNT_TRADE_EXPERT)!=0);
      m_w.Bool("terminal_connected",TerminalInfoInteger(TERMINAL_CONNECTED)!=0);
      m_w.Bool("terminal_trade_allowed",TerminalInfoInteger(TERMINAL_TRADE_ALLOWED)!=0);
      // the EA's own permission ("Allow Algo Trading" in its properties), additive
      m_w.Bool("program_trade_allowed",MQLInfoInteger(MQL_TRADE_ALLOWED)!=0);
      m_w.Num("balance",AccountInfoDouble(ACCOUNT_BALANCE),MONEY_DIGITS);
      m_w.Num("equity",AccountInfoDouble(ACCOUNT_EQUITY),MONEY_DIGITS);
      m_w.Num("margin",AccountInfoDouble(ACCOUNT_MARGIN),MONEY_DIGITS);
      m_w.Num("free_margin",AccountInfoDouble(ACCOUNT_MARGIN_FREE),MONEY_DIGITS);
      m_w.Long("server_offset_s",ServerOffsetSeconds());
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- ping (5.1)
   string            OnPing(const string type,const string id,CJsonNode *req)
     {
      BeginReply(m_w,type,id,true);
      m_w.Str("session",m_io.Session());
      m_w.Long("server_offset_s",ServerOffsetSeconds());
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- symbols (5.2)
   void              WriteSymbolSpec(CJsonWriter &w,const string s)
     {
      int digits=(int)SymbolInfoInteger(s,SYMBOL_DIGITS);
      w.BeginObject();
      w.Str("name",s);
      w.Str("description",SymbolInfoString(s,SYMBOL_DESCRIPTION));
      w.Str("base_currency",SymbolInfoString(s,SYMBOL_CURRENCY_BASE));
      w.Str("profit_currency",SymbolInfoString(s,SYMBOL_CURRENCY_PROFIT));
      w.Str("margin_currency",SymbolInfoString(s,SYMBOL_CURRENCY_MARGIN));
      w.Long("digits",digits);
      w.Num("point",SymbolInfoDouble(s,SYMBOL_POINT),12);
      w.Num("tick_size",SymbolInfoDouble(s,SYMBOL_TRADE_TICK_SIZE),12);
      w.Num("tick_value",SymbolInfoDouble(s,SYMBOL_TRADE_TICK_VALUE),MONEY_DIGITS);
      w.Num("contract_size",SymbolInfoDouble(s,SYMBOL_TRADE_CONTRACT_SIZE),VOLUME_DIGITS);
      w.Num("volume_min",SymbolInfoDouble(s,SYMBOL_VOLUME_MIN),VOLUME_DIGITS);
      w.Num("volume_max",SymbolInfoDouble(s,SYMBOL_VOLUME_MAX),VOLUME_DIGITS);
      w.Num("volume_step",SymbolInfoDouble(s,SYMBOL_VOLUME_STEP),VOLUME_DIGITS);
      w.Long("stops_level",SymbolInfoInteger(s,SYMBOL_TRADE_STOPS_LEVEL));
      w.Long("freeze_level",SymbolInfoInteger(s,SYMBOL_TRADE_FREEZE_LEVEL));
      w.Long("filling_modes",SymbolInfoInteger(s,SYMBOL_FILLING_MODE));
      w.Long("trade_mode",SymbolInfoInteger(s,SYMBOL_TRADE_MODE));
      w.Long("spread",SymbolInfoInteger(s,SYMBOL_SPREAD));
      w.Num("bid",SymbolInfoDouble(s,SYMBOL_BID),digits);
      w.Num("ask",SymbolInfoDouble(s,SYMBOL_ASK),digits);
      w.BeginArray("sessions");
      for(int day=0;day<7;day++)
        {
         // SymbolInfoSessionTrade returns false after the day's last session
         for(uint k=0;k<16;k++)
           {
            datetime from=0,to=0;
            if(!SymbolInfoSessionTrade(s,(ENUM_DAY_OF_WEEK)day,k,from,to))
               break;
            w.BeginObject();
            w.Long("day",day);
            w.Long("from_s",(long)from);      // seconds since midnight, server time
            w.Long("to_s",(long)to);          // 86400 for 24:00
            w.EndObject();
           }
        }
      w.EndArray();
      w.EndObject();
     }

   //--- UTF-8 bytes the text takes in the frame, as Reply() will encode it
   int               FrameBytes(const string text)
     {
      return(Utf8Encode(text,m_itemBytes));
     }

   //--- Answers the names from the cursor's offset on (the request's list, or
   //--- Market Watch in SymbolName order) until the page budget is used; the
   //--- reply then says more:true and next:"<offset of the first name left>".
   string            OnSymbols(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      string names[];
      f.StrArray("symbols",false,names);
      string cursor=f.Str("cursor",false,"",0,20);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      if(ArraySize(names)==0)
        {
         int total=SymbolsTotal(true);          // Market Watch only
         ArrayResize(names,total);
         for(int i=0;i<total;i++)
            names[i]=SymbolName(i,true);
        }
      int n=ArraySize(names);
      int start=0;
      if(cursor!="")
        {
         start=(int)StringToInteger(cursor);
         if(IntegerToString(start)!=cursor || start<0 || start>n)
            return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,
                   StringFormat("field \"cursor\" must be the \"next\" of an earlier symbols_reply (an offset 0..%d), got \"%s\"",n,cursor)));
        }
      string unknownItems="";
      string symbolItems="";
      int used=0;
      int i=start;
      for(;i<n;i++)
        {
         string item;
         bool known=SymbolKnown(names[i]);
         if(known)
           {
            m_item.Reset();
            WriteSymbolSpec(m_item,names[i]);
            item=m_item.Text();
           }
         else
            item=JsonQuote(names[i]);
         int bytes=FrameBytes(item)+1;          // and its comma
         if(used+bytes>ARIA_PAGE_BUDGET && i>start)
            break;
         used+=bytes;
         if(known)
            symbolItems+=(symbolItems=="" ? "" : ",")+item;
         else
            unknownItems+=(unknownItems=="" ? "" : ",")+item;
        }
      BeginReply(m_w,type,id,true);
      m_w.Raw("unknown","["+unknownItems+"]");
      m_w.Raw("symbols","["+symbolItems+"]");
      m_w.Bool("more",i<n);
      if(i<n)
         m_w.Str("next",IntegerToString(i));
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- subscribe / unsubscribe (5.3)
   string            OnSubscribe(const string type,const string id,CJsonNode *req,const bool subscribe)
     {
      CFields f(req);
      string names[];
      f.StrArray("symbols",true,names);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      string done[];
      string unknown[];
      int n=ArraySize(names);
      if(!subscribe && n==0)
         m_ticks.RemoveAll(done);
      for(int i=0;i<n;i++)
        {
         string s=names[i];
         if(!SymbolKnown(s))
           {
            int u=ArraySize(unknown);
            ArrayResize(unknown,u+1);
            unknown[u]=s;
            continue;
           }
         bool changed=(subscribe ? m_ticks.Add(m_io,s) : m_ticks.Remove(s));
         if(changed)
           {
            int d=ArraySize(done);
            ArrayResize(done,d+1);
            done[d]=s;
           }
        }
      BeginReply(m_w,type,id,true);
      m_w.BeginArray("symbols");
      for(int i=0;i<ArraySize(done);i++)
         m_w.Str("",done[i]);
      m_w.EndArray();
      m_w.BeginArray("unknown");
      for(int i=0;i<ArraySize(unknown);i++)
         m_w.Str("",unknown[i]);
      m_w.EndArray();
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- account (5.4)
   string            OnAccount(const string type,const string id,CJsonNode *req)
     {
      BeginReply(m_w,type,id,true);
      WriteAccountCore(m_w);
      m_w.Num("balance",AccountInfoDouble(ACCOUNT_BALANCE),MONEY_DIGITS);
      m_w.Num("equity",AccountInfoDouble(ACCOUNT_EQUITY),MONEY_DIGITS);
      m_w.Num("margin",AccountInfoDouble(ACCOUNT_MARGIN),MONEY_DIGITS);
      m_w.Num("free_margin",AccountInfoDouble(ACCOUNT_MARGIN_FREE),MONEY_DIGITS);
      // ACCOUNT_MARGIN_LEVEL is 0 when no margin is used
      m_w.Num("margin_level",AccountInfoDouble(ACCOUNT_MARGIN)>0.0 ? AccountInfoDouble(ACCOUNT_MARGIN_LEVEL) : 0.0,MONEY_DIGITS);
      m_w.Num("profit",AccountInfoDouble(ACCOUNT_PROFIT),MONEY_DIGITS);
      m_w.Bool("trade_allowed",AccountInfoInteger(ACCOUNT_TRADE_ALLOWED)!=0);
      m_w.Bool("terminal_connected",TerminalInfoInteger(TERMINAL_CONNECTED)!=0);
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- order (5.5)
   //--- the account after a deal (5.5, 6.3: optional fields the client's
   //--- account view follows at once)
   void              WriteAccountAfter(CJsonWriter &w)
     {
      w.Num("balance",AccountInfoDouble(ACCOUNT_BALANCE),MONEY_DIGITS);
      w.Num("equity",AccountInfoDouble(ACCOUNT_EQUITY),MONEY_DIGITS);
      w.Num("margin",AccountInfoDouble(ACCOUNT_MARGIN),MONEY_DIGITS);
      w.Num("free_margin",AccountInfoDouble(ACCOUNT_MARGIN_FREE),MONEY_DIGITS);
     }

   string            OutcomeReply(const string type,const string id,const TradeOutcome &o,const bool duplicate)
     {
      BeginReply(m_w,type,id,true);
      WriteOutcome(m_w,o,duplicate);
      if(!duplicate && o.volume>0.0)
         WriteAccountAfter(m_w);
      EndReply(m_w);
      return(m_w.Text());
     }

   string            OnOrder(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      OrderParams p;
      p.coid        =f.ClientOrderId("client_order_id",ARIA_COMMENT_MAX);
      p.symbol      =f.Str("symbol",true,"",1,64);
      p.side        =f.OneOf("side",true,"","buy|sell");
      p.volume      =f.Num("volume",true,0.0,0.0,true);
      p.price       =f.Num("price",true,0.0,0.0,true);
      p.sl          =f.Num("sl",false,0.0,0.0,false);
      p.tp          =f.Num("tp",false,0.0,0.0,false);
      p.deviation   =f.Int("deviation",false,10,0,1000000);
      p.magic       =f.Int("magic",false,m_cfg.defaultMagic,0,LONG_MAX);
      p.position    =f.Int("position",false,0,0,LONG_MAX);
      p.filling     =f.OneOf("filling",false,"","|fok|ioc|return");
      p.expiresUtcMs=f.Int("expires_utc_ms",false,0,0,LONG_MAX);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      if(!SymbolKnown(p.symbol))
         return(ErrorReply(type,id,ARIA_ERR_UNKNOWN_SYMBOL,StringFormat("field \"symbol\" \"%s\" is not known to the broker",p.symbol)));
      SymbolSelect(p.symbol,true);   // quotes of symbols outside Market Watch are not updated
      TradeOutcome o;
      bool duplicate=false,conflict=false;
      string why="";
      m_trader.Submit(p,o,duplicate,conflict,why);
      if(conflict)
         return(ErrorReply(type,id,ARIA_ERR_CONFLICT,why));
      return(OutcomeReply(type,id,o,duplicate));
     }

   //----------------------------------------------------------------- close (5.6)
   string            OnClose(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      string coid    =f.ClientOrderId("client_order_id",ARIA_COMMENT_MAX);
      long position  =f.Int("position",true,0,0,LONG_MAX);
      double volume  =f.Num("volume",false,0.0,0.0,false);
      double price   =f.Num("price",false,0.0,0.0,false);
      long deviation =f.Int("deviation",false,10,0,1000000);
      long expires   =f.Int("expires_utc_ms",false,0,0,LONG_MAX);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      TradeOutcome o;
      bool duplicate=false,conflict=false;
      string why="";
      m_trader.Close(position,volume,price,deviation,coid,expires,o,duplicate,conflict,why);
      if(conflict)
         return(ErrorReply(type,id,ARIA_ERR_CONFLICT,why));
      return(OutcomeReply(type,id,o,duplicate));
     }

   //----------------------------------------------------------------- modify (5.7)
   string            OnModify(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      long position=f.Int("position",true,0,0,LONG_MAX);
      double sl    =f.Num("sl",false,0.0,0.0,false);
      double tp    =f.Num("tp",false,0.0,0.0,false);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      uint retcode=0,retcodeExternal=0;
      string comment="";
      string symbol="";
      if(SelectPositionById(position))
         symbol=PositionGetString(POSITION_SYMBOL);
      m_trader.Modify(position,sl,tp,retcode,retcodeExternal,comment);
      int digits=PriceDigits(symbol);
      BeginReply(m_w,type,id,true);
      m_w.Long("retcode",(long)retcode);
      m_w.Long("retcode_external",(long)retcodeExternal);
      m_w.Str("comment",comment);
      m_w.Long("position",position);
      m_w.Num("sl",sl,digits);
      m_w.Num("tp",tp,digits);
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- close_all (5.8)
   //--- "<prefix>-<ticket>" must fit the 31-character comment, or the id kept
   //--- in the comment would be cut and could match another position's id
   //--- after a restart. The prefix is shortened (deterministically, so a
   //--- repeated close_all still finds its ids); see PROTOCOL.md 5.8.
   string            CloseAllId(const string prefix,const ulong ticket)
     {
      string t=IntegerToString((long)ticket);
      int room=ARIA_COMMENT_MAX-1-StringLen(t);
      string p=(StringLen(prefix)>room ? StringSubstr(prefix,0,MathMax(room,0)) : prefix);
      return(p+"-"+t);
     }

   string            OnCloseAll(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      string symbol=f.Str("symbol",false,"",0,64);
      long magic   =f.Int("magic",false,-1,-1,LONG_MAX);
      string prefix=f.ClientOrderId("client_order_id_prefix",24);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      // copy the tickets first: closing changes the position list
      ulong tickets[];
      int total=PositionsTotal();
      for(int i=0;i<total;i++)
        {
         ulong t=PositionGetTicket(i);
         if(t==0)
            continue;
         if(symbol!="" && PositionGetString(POSITION_SYMBOL)!=symbol)
            continue;
         if(magic>=0 && PositionGetInteger(POSITION_MAGIC)!=magic)
            continue;
         int k=ArraySize(tickets);
         ArrayResize(tickets,k+1);
         tickets[k]=(ulong)PositionGetInteger(POSITION_IDENTIFIER);   // 5.9: ids name positions
        }
      // Each close may take a round trip to the trade server; the replies
      // of other clients wait meanwhile (the EA has one thread).
      string items="";
      CJsonWriter item;
      for(int i=0;i<ArraySize(tickets);i++)
        {
         TradeOutcome o;
         bool duplicate=false,conflict=false;
         string why="";
         m_trader.Close((long)tickets[i],0.0,0.0,10,CloseAllId(prefix,tickets[i]),0,o,duplicate,conflict,why);
         if(conflict)
           {
            OutcomeReset(o,CloseAllId(prefix,tickets[i]));
            o.retcode=RC_REJECT;
            o.comment=why;
            o.message=why;
           }
         item.Reset();
         item.BeginObject();
         WriteOutcome(item,o,duplicate);
         item.Long("time_msc",UtcToServerMs(o.doneUtcMs));
         item.Long("utc_ms",o.doneUtcMs);
         item.EndObject();
         items+=(i>0 ? "," : "")+item.Text();
        }
      BeginReply(m_w,type,id,true);
      m_w.Raw("results","["+items+"]");
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- positions (5.9)
   string            OnPositions(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      string symbol=f.Str("symbol",false,"",0,64);
      long magic   =f.Int("magic",false,-1,-1,LONG_MAX);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      BeginReply(m_w,type,id,true);
      // trade events up to this seq are reflected in the snapshot (5.9); later
      // ones may be too: a deal can change a position before MT5 calls
      // OnTradeTransaction for it (see PROTOCOL.md 5.9)
      m_w.Long("pub_seq",m_io.LastSeq());
      m_w.BeginArray("positions");
      int total=PositionsTotal();
      for(int i=0;i<total;i++)
        {
         ulong t=PositionGetTicket(i);      // selects the position
         if(t==0)
            continue;
         string s=PositionGetString(POSITION_SYMBOL);
         if(symbol!="" && s!=symbol)
            continue;
         long m=PositionGetInteger(POSITION_MAGIC);
         if(magic>=0 && m!=magic)
            continue;
         int digits=PriceDigits(s);
         long timeMsc=PositionGetInteger(POSITION_TIME_MSC);
         m_w.BeginObject();
         m_w.ULong("ticket",t);
         m_w.Long("identifier",PositionGetInteger(POSITION_IDENTIFIER));
         m_w.Str("symbol",s);
         m_w.Str("side",PositionSideName(PositionGetInteger(POSITION_TYPE)));
         m_w.Num("volume",PositionGetDouble(POSITION_VOLUME),VOLUME_DIGITS);
         m_w.Num("price_open",PositionGetDouble(POSITION_PRICE_OPEN),digits);
         m_w.Num("sl",PositionGetDouble(POSITION_SL),digits);
         m_w.Num("tp",PositionGetDouble(POSITION_TP),digits);
         m_w.Num("price_current",PositionGetDouble(POSITION_PRICE_CURRENT),digits);
         m_w.Num("profit",PositionGetDouble(POSITION_PROFIT),MONEY_DIGITS);
         m_w.Num("swap",PositionGetDouble(POSITION_SWAP),MONEY_DIGITS);
         m_w.Long("magic",m);
         m_w.Str("comment",PositionGetString(POSITION_COMMENT));
         m_w.Long("time_msc",timeMsc);
         m_w.Long("utc_ms",ServerMsToUtc(timeMsc));
         m_w.EndObject();
        }
      m_w.EndArray();
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- orders (5.10)
   string            OnOrders(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      string symbol=f.Str("symbol",false,"",0,64);
      long magic   =f.Int("magic",false,-1,-1,LONG_MAX);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      BeginReply(m_w,type,id,true);
      m_w.BeginArray("orders");
      int total=OrdersTotal();
      for(int i=0;i<total;i++)
        {
         ulong t=OrderGetTicket(i);         // selects the order
         if(t==0)
            continue;
         string s=OrderGetString(ORDER_SYMBOL);
         if(symbol!="" && s!=symbol)
            continue;
         long m=OrderGetInteger(ORDER_MAGIC);
         if(magic>=0 && m!=magic)
            continue;
         int digits=PriceDigits(s);
         long timeMsc=OrderGetInteger(ORDER_TIME_SETUP_MSC);
         m_w.BeginObject();
         m_w.ULong("ticket",t);
         m_w.Str("symbol",s);
         m_w.Long("order_type",OrderGetInteger(ORDER_TYPE));
         m_w.Num("volume_initial",OrderGetDouble(ORDER_VOLUME_INITIAL),VOLUME_DIGITS);
         m_w.Num("volume_current",OrderGetDouble(ORDER_VOLUME_CURRENT),VOLUME_DIGITS);
         m_w.Num("price_open",OrderGetDouble(ORDER_PRICE_OPEN),digits);
         m_w.Num("sl",OrderGetDouble(ORDER_SL),digits);
         m_w.Num("tp",OrderGetDouble(ORDER_TP),digits);
         m_w.Long("magic",m);
         m_w.Str("comment",OrderGetString(ORDER_COMMENT));
         m_w.Long("state",OrderGetInteger(ORDER_STATE));
         m_w.Long("time_msc",timeMsc);
         m_w.Long("utc_ms",ServerMsToUtc(timeMsc));
         m_w.EndObject();
        }
      m_w.EndArray();
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- deals (5.11)
   //--- (time_msc, ticket) order: the order of the reply and of the cursor
   static bool       DealAfter(const DealInfo &a,const long timeMsc,const ulong ticket)
     {
      return(a.timeMsc>timeMsc || (a.timeMsc==timeMsc && a.ticket>ticket));
     }

   //--- "<time_msc>:<ticket>" of the last deal a page held
   static bool       ParseDealCursor(const string cursor,long &timeMsc,ulong &ticket)
     {
      int colon=StringFind(cursor,":");
      if(colon<=0)
         return(false);
      string a=StringSubstr(cursor,0,colon);
      string b=StringSubstr(cursor,colon+1);
      timeMsc=StringToInteger(a);
      long t=StringToInteger(b);
      if(IntegerToString(timeMsc)!=a || IntegerToString(t)!=b || t<0)
         return(false);
      ticket=(ulong)t;
      return(true);
     }

   string            OnDeals(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      long nowUtc=UtcNowMs();
      long fromUtc=f.Int("from_utc_ms",true,0,0,LONG_MAX);
      long toUtc  =f.Int("to_utc_ms",false,nowUtc,0,LONG_MAX);
      string cursor=f.Str("cursor",false,"",0,64);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      long afterMsc=LONG_MIN;
      ulong afterTicket=0;
      if(cursor!="" && !ParseDealCursor(cursor,afterMsc,afterTicket))
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,
                StringFormat("field \"cursor\" must be the \"next\" of an earlier deals_reply (\"<time_msc>:<ticket>\"), got \"%s\"",cursor)));
      // HistorySelect takes server-time seconds; widen by a second each side
      // and filter by milliseconds below.
      long offsetMs=ServerOffsetSeconds()*1000;
      datetime fromS=(datetime)((fromUtc+offsetMs)/1000-1);
      datetime toS  =(datetime)((toUtc+offsetMs)/1000+1);
      DealInfo list[];
      if(HistorySelect(fromS,toS))
        {
         int total=HistoryDealsTotal();
         for(int i=0;i<total;i++)
           {
            ulong t=HistoryDealGetTicket(i);
            if(t==0)
               continue;
            DealInfo d;
            if(!ReadDeal(t,d))
               continue;
            long utc=d.timeMsc-offsetMs;
            if(utc<fromUtc || utc>toUtc)
               continue;
            if(cursor!="" && !DealAfter(d,afterMsc,afterTicket))
               continue;                      // sent on an earlier page
            int k=ArraySize(list);
            ArrayResize(list,k+1,MathMax(256,k));
            list[k]=d;
           }
        }
      // oldest first by (time_msc, ticket), the order the cursor continues in; the
      // history is almost always in that order already (insertion sort: one pass)
      int n=ArraySize(list);
      for(int i=1;i<n;i++)
        {
         if(!DealAfter(list[i-1],list[i].timeMsc,list[i].ticket))
            continue;
         DealInfo x=list[i];
         int j=i-1;
         while(j>=0 && DealAfter(list[j],x.timeMsc,x.ticket))
           {
            list[j+1]=list[j];
            j--;
           }
         list[j+1]=x;
        }
      BeginReply(m_w,type,id,true);
      m_w.BeginArray("deals");
      int used=0;
      int sent=0;
      for(;sent<n;sent++)
        {
         // only now, per page: resolving ids may replace the history selection
         m_trader.ResolveClientOrderId(list[sent]);
         m_item.Reset();
         m_item.BeginObject();
         WriteDeal(m_item,list[sent],"ticket");
         m_item.Long("time_msc",list[sent].timeMsc);
         m_item.Long("utc_ms",list[sent].timeMsc-offsetMs);
         m_item.EndObject();
         string item=m_item.Text();
         int bytes=FrameBytes(item)+1;          // and its comma
         if(used+bytes>ARIA_PAGE_BUDGET && sent>0)
            break;
         used+=bytes;
         m_w.Raw("",item);
        }
      m_w.EndArray();
      m_w.Bool("more",sent<n);
      if(sent<n)
         m_w.Str("next",StringFormat("%I64d:%I64u",list[sent-1].timeMsc,list[sent-1].ticket));
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- bars (5.12)
   string            OnBars(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      string symbol=f.Str("symbol",true,"",1,64);
      string tfName=f.Str("timeframe",true,"",1,8);
      long count   =f.Int("count",true,0,1,5000);
      long toUtc   =f.Int("to_utc_ms",false,UtcNowMs(),0,LONG_MAX);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      ENUM_TIMEFRAMES tf=PERIOD_M1;
      if(!ParseTimeframe(tfName,tf))
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,
                           StringFormat("field \"timeframe\" must be one of M1|M5|M15|M30|H1|H4|D1|W1|MN1, got \"%s\"",tfName)));
      if(!SymbolKnown(symbol))
         return(ErrorReply(type,id,ARIA_ERR_UNKNOWN_SYMBOL,StringFormat("field \"symbol\" \"%s\" is not known to the broker",symbol)));
      long offsetMs=ServerOffsetSeconds()*1000;
      MqlRates rates[];
      ArraySetAsSeries(rates,false);           // oldest first
      ResetLastError();
      int n=CopyRates(symbol,tf,(datetime)((toUtc+offsetMs)/1000),(int)count,rates);
      if(n<0)
         // the terminal is still loading this history; the client asks again
         return(ErrorReply(type,id,ARIA_ERR_BUSY,StringFormat("history of %s %s is not ready (error %d), ask again",symbol,tfName,GetLastError())));
      int digits=PriceDigits(symbol);
      BeginReply(m_w,type,id,true);
      m_w.Str("symbol",symbol);
      m_w.Str("timeframe",tfName);
      m_w.BeginArray("bars");
      for(int i=0;i<n;i++)
        {
         long timeMsc=(long)rates[i].time*1000;
         m_w.BeginObject();
         m_w.Long("time_msc",timeMsc);
         m_w.Long("utc_ms",timeMsc-offsetMs);
         m_w.Num("open",rates[i].open,digits);
         m_w.Num("high",rates[i].high,digits);
         m_w.Num("low",rates[i].low,digits);
         m_w.Num("close",rates[i].close,digits);
         m_w.Long("tick_volume",rates[i].tick_volume);
         m_w.Long("spread",rates[i].spread);
         m_w.Long("real_volume",rates[i].real_volume);
         m_w.EndObject();
        }
      m_w.EndArray();
      EndReply(m_w);
      return(m_w.Text());
     }

   //----------------------------------------------------------------- order_status (5.13)
   string            OnOrderStatus(const string type,const string id,CJsonNode *req)
     {
      CFields f(req);
      string coid=f.ClientOrderId("client_order_id",ARIA_COMMENT_MAX);
      if(!f.Ok())
         return(ErrorReply(type,id,ARIA_ERR_BAD_REQUEST,f.Error()));
      TradeOutcome o;
      OutcomeReset(o,coid);
      string state=m_trader.Status(coid,o);
      BeginReply(m_w,type,id,true);
      m_w.Str("state",state);
      // filled/rejected repeat an earlier outcome: duplicate:true, as the
      // simulated terminal does (WriteOutcome writes client_order_id too)
      if(state=="filled" || state=="rejected")
         WriteOutcome(m_w,o,true);
      else
         m_w.Str("client_order_id",coid);
      EndReply(m_w);
      return(m_w.Text());
     }

   //--- one parsed request -> its reply text
   string            Dispatch(const string type,const string id,CJsonNode *req)
     {
      if(type=="hello")        return(OnHello(type,id,req));
      if(type=="ping")         return(OnPing(type,id,req));
      if(type=="symbols")      return(OnSymbols(type,id,req));
      if(type=="subscribe")    return(OnSubscribe(type,id,req,true));
      if(type=="unsubscribe")  return(OnSubscribe(type,id,req,false));
      if(type=="account")      return(OnAccount(type,id,req));
      if(type=="order")        return(OnOrder(type,id,req));
      if(type=="close")        return(OnClose(type,id,req));
      if(type=="modify")       return(OnModify(type,id,req));
      if(type=="close_all")    return(OnCloseAll(type,id,req));
      if(type=="positions")    return(OnPositions(type,id,req));
      if(type=="orders")       return(OnOrders(type,id,req));
      if(type=="deals")        return(OnDeals(type,id,req));
      if(type=="bars")         return(OnBars(type,id,req));
      if(type=="order_status") return(OnOrderStatus(type,id,req));
      string shown=(StringLen(type)>64 ? StringSubstr(type,0,64)+"..." : type);
      return(ErrorReply(type,id,ARIA_ERR_UNKNOWN_TYPE,StringFormat("field \"type\" \"%s\" is not a known command",shown)));
     }

   //--- receives and answers one request; false when nothing more is waiting
   bool              HandleOne()
     {
      string text="",problem="";
      int r=m_io.ReceiveRequest(text,problem);
      if(r==0 || r==-2)
         return(false);
      m_requests++;
      if(r==-1)
        {
         m_malformed++;
         m_io.Reply(ErrorReply("error","",ARIA_ERR_MALFORMED,problem));
         return(true);
        }
      CJsonNode *root=m_parser.Parse(text);
      if(root==NULL)
        {
         m_malformed++;
         m_io.Reply(ErrorReply("error","",ARIA_ERR_MALFORMED,"not JSON: "+m_parser.Error()));
         return(true);
        }
      string id="",type="";
      bool hasId=(root.type==JSON_OBJECT && JsonGetString(root,"id",id) && StringLen(id)>=1 && StringLen(id)<=64);
      bool hasType=(root.type==JSON_OBJECT && JsonGetString(root,"type",type) && type!="");
      if(!hasId || !hasType)
        {
         m_malformed++;
         string why="message is not a JSON object";
         if(root.type==JSON_OBJECT && !hasType)
            why="field \"type\" must be a non-empty string, got "+JsonShow(root,"type");
         else if(root.type==JSON_OBJECT)
            why="field \"id\" must be a string of 1 to 64 characters, got "+JsonShow(root,"id");
         if(!hasId)
            id="";
         m_io.Reply(ErrorReply("error",id,ARIA_ERR_MALFORMED,why));
         delete root;
         return(true);
        }
      string reply=Dispatch(type,id,root);
      delete root;
      m_io.Reply(reply);
      return(true);
     }

   //--- Volume left in a position after one of its deals (6.3), from the
   //--- position's deals up to this one: the transactions of a request may
   //--- arrive after later deals changed or closed the position, so the
   //--- position list cannot say it. Falls back to the position list, and to
   //--- the deal's own volume for an "in" deal, when the history has no answer.
   double            PositionVolumeAfter(const DealInfo &d)
     {
      if(d.position==0)
         return(0.0);
      if(HistorySelectByPosition((long)d.position))
        {
         double net=0.0;
         bool seen=false;
         int total=HistoryDealsTotal();
         for(int i=0;i<total;i++)
           {
            ulong t=HistoryDealGetTicket(i);
            if(t==0 || t>d.ticket)
               continue;                      // deal tickets grow: later deals come after
            long type=HistoryDealGetInteger(t,DEAL_TYPE);
            double v=HistoryDealGetDouble(t,DEAL_VOLUME);
            if(type==DEAL_TYPE_BUY)
               net+=v;
            else if(type==DEAL_TYPE_SELL)
               net-=v;
            else
               continue;
            if(t==d.ticket)
               seen=true;
           }
         if(seen)
            return(NormalizeDouble(MathAbs(net),8));
        }
      // netting: the position's ticket may differ from its identifier
      if(SelectPositionById((long)d.position))
         return(PositionGetDouble(POSITION_VOLUME));
      return(d.entry=="in" ? d.volume : 0.0);
     }

   //--- deal tickets already published (sorted, bounded): the history scan
   //--- and OnTradeTransaction may both see a deal; it is published once
   bool              WasPublished(const ulong ticket)
     {
      int n=ArraySize(m_published);
      if(n>0 && ticket<m_published[0])
         return(n>=ARIA_PUBLISHED_DEALS);      // older than what is remembered
      int lo=0,hi=n-1;
      while(lo<=hi)
        {
         int mid=(lo+hi)/2;
         if(m_published[mid]==ticket)
            return(true);
         if(m_published[mid]<ticket)
            lo=mid+1;
         else
            hi=mid-1;
        }
      return(false);
     }

   void              MarkPublished(const ulong ticket)
     {
      int n=ArraySize(m_published);
      if(n>=ARIA_PUBLISHED_DEALS)
        {
         // forget the oldest half
         int keep=n/2;
         for(int i=0;i<keep;i++)
            m_published[i]=m_published[n-keep+i];
         ArrayResize(m_published,keep);
         n=keep;
        }
      int pos=n;
      while(pos>0 && m_published[pos-1]>ticket)
         pos--;
      ArrayResize(m_published,n+1,ARIA_PUBLISHED_DEALS);
      for(int i=n;i>pos;i--)
         m_published[i]=m_published[i-1];
      m_published[pos]=ticket;
     }

   //--- publishes one trade deal of the CURRENT history selection (6.3)
   void              PublishDeal(const ulong deal)
     {
      DealInfo d;
      if(!ReadDeal(deal,d))
         return;                                // balance, credit, commission ...
      MarkPublished(deal);
      if(deal>m_lastDeal)
         m_lastDeal=deal;
      m_trader.ResolveClientOrderId(d);         // may replace the history selection
      double left=PositionVolumeAfter(d);       // replaces it
      m_io.BeginEvent(m_w,"trade");
      WriteDeal(m_w,d,"deal");
      m_w.Num("position_volume",left,VOLUME_DIGITS);
      WriteAccountAfter(m_w);
      m_w.Long("time_msc",d.timeMsc);
      m_w.Long("utc_ms",ServerMsToUtc(d.timeMsc));
      m_io.Publish(m_w,false);
     }

   //--- The terminal's transaction queue is bounded and loses transactions
   //--- while the EA is busy, with no gap in `seq`: the deals of the last
   //--- minutes are compared with what was published, on the timer (6.3).
   void              ScanHistory()
     {
      datetime now=TimeTradeServer();
      if(!HistorySelect(now-300,now+86400))
         return;
      int total=HistoryDealsTotal();
      ulong missed[];
      for(int i=0;i<total;i++)
        {
         ulong t=HistoryDealGetTicket(i);
         if(t==0 || t<=m_baselineDeal || WasPublished(t))
            continue;
         if(DealSideName(HistoryDealGetInteger(t,DEAL_TYPE))=="")
            continue;
         int k=ArraySize(missed);
         ArrayResize(missed,k+1,16);
         missed[k]=t;
        }
      // each publication replaces the selection: select each deal again
      for(int i=0;i<ArraySize(missed);i++)
         if(HistoryDealSelect(missed[i]))
            PublishDeal(missed[i]);
     }

public:
                     CBridge() : m_lastHeartbeat(0),m_lastScan(0),m_baselineDeal(0),m_lastDeal(0),m_requests(0),m_malformed(0) {}

   bool              Start(const BridgeSettings &cfg,const string initialSymbols)
     {
      m_cfg=cfg;
      // globals survive a re-initialisation (input or chart change): start clean
      string dropped[];
      m_ticks.RemoveAll(dropped);
      ArrayResize(m_published,0);
      m_requests=0;
      m_malformed=0;
      m_baselineDeal=0;
      datetime now=TimeTradeServer();
      if(HistorySelect(now-86400,now+86400))
         for(int i=HistoryDealsTotal()-1;i>=0;i--)
           {
            ulong t=HistoryDealGetTicket(i);
            if(t>m_baselineDeal)
               m_baselineDeal=t;
           }
      m_lastDeal=m_baselineDeal;
      m_trader.OpenJournal(StringFormat("AriaBridge-ids-%I64d.txt",AccountInfoInteger(ACCOUNT_LOGIN)));
      if(!m_io.Open(cfg.bindAddress,cfg.commandPort,cfg.publishPort,cfg.curveSecretKey,cfg.pubHighWaterMark))
        {
         m_trader.CloseJournal();     // reopened by the next attempt
         return(false);
        }
      PrintFormat("ARIA bridge: session %s, commands tcp://%s:%d, events tcp://%s:%d%s",
                  m_io.Session(),cfg.bindAddress,cfg.commandPort,cfg.bindAddress,cfg.publishPort,
                  cfg.curveSecretKey!="" ? ", CURVE on" : "");
      string names[];
      int n=StringSplit(initialSymbols,',',names);
      for(int i=0;i<n;i++)
        {
         string s=names[i];
         StringTrimLeft(s);
         StringTrimRight(s);
         if(s=="")
            continue;
         if(!m_ticks.Add(m_io,s))
            PrintFormat("ARIA bridge: symbol \"%s\" of the Symbols input is not known to the broker",s);
        }
      m_lastHeartbeat=GetTickCount64();
      return(true);
     }

   void              Stop()
     {
      PrintFormat("ARIA bridge: stopping after %I64d requests (%I64d malformed), %I64d ticks published, "
                  "%I64d events refused by zmq_send (a PUB drops silently at its high-water mark: subscribers see seq gaps), "
                  "%I64d replies dropped",
                  m_requests,m_malformed,m_ticks.Published(),m_io.PubDropped(),m_io.ReplyDropped());
      m_io.Close();
      m_trader.CloseJournal();
     }

   //--- commands first (bounded, so ticks never starve), then ticks, then heartbeat
   void              Pump()
     {
      for(int i=0;i<m_cfg.maxCommandsPerPump;i++)
         if(!HandleOne())
            break;
      m_ticks.PumpAll(m_io,m_cfg.maxTicksPerSymbol);
      ulong now=GetTickCount64();
      if(now-m_lastScan>=(ulong)ARIA_HISTORY_SCAN_MS)
        {
         m_lastScan=now;
         ScanHistory();
        }
      if(now-m_lastHeartbeat>=(ulong)m_cfg.heartbeatMs)
        {
         m_lastHeartbeat=now;
         m_io.BeginEvent(m_w,"heartbeat");
         m_io.Publish(m_w);
        }
     }

   //--- a trade deal was added to the account (6.3)
   void              OnDealAdded(const ulong deal)
     {
      if(deal==0 || WasPublished(deal))
         return;
      if(!HistoryDealSelect(deal))
        {
         // the history scan publishes it once the terminal has it
         PrintFormat("ARIA bridge: deal %I64u not in the history yet, left to the history scan",deal);
         return;
        }
      PublishDeal(deal);
     }
  };

#endif // ARIA_COMMANDS_MQH
//+------------------------------------------------------------------+
