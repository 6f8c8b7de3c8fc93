//+------------------------------------------------------------------+
//| Protocol.mqh - wire constants, clocks, names and the two sockets |
//|                                                                  |
//| Everything here follows aria-mt5/PROTOCOL.md (version 1); the    |
//| section numbers in comments point into that page.               |
//+------------------------------------------------------------------+
#ifndef ARIA_PROTOCOL_MQH
#define ARIA_PROTOCOL_MQH

#include "Zmq.mqh"
#include "Json.mqh"

#define ARIA_PROTOCOL_VERSION   1
#define ARIA_TERMINAL_NAME      "AriaBridge/1.0"
#define ARIA_MAX_FRAME          1048576      // 1 MiB (section 2)
#define ARIA_MAX_IDENTITY       255          // ZMQ routing ids are at most 255 bytes
#define ARIA_COMMENT_MAX        31           // MT5 order comment length

//--- error codes of ok:false replies (section 3)
#define ARIA_ERR_MALFORMED      "malformed"
#define ARIA_ERR_BAD_REQUEST    "bad_request"
#define ARIA_ERR_UNKNOWN_TYPE   "unknown_type"
#define ARIA_ERR_UNKNOWN_SYMBOL "unknown_symbol"
#define ARIA_ERR_NOT_FOUND      "not_found"
#define ARIA_ERR_VERSION        "version"
#define ARIA_ERR_INTERNAL       "internal"

//+------------------------------------------------------------------+
//| Clocks (section 2, "Times")                                      |
//|                                                                  |
//| MQL5 has no millisecond UTC clock: TimeGMT() has whole seconds.  |
//| GetSystemTimeAsFileTime gives the PC's UTC time in 100 ns units  |
//| since 1601; it is what TimeGMT() is derived from as well.        |
//+------------------------------------------------------------------+
#import "kernel32.dll"
void GetSystemTimeAsFileTime(long &fileTime);   // FILETIME = two DWORDs = 8 bytes
#import

#define FILETIME_TO_UNIX_MS 11644473600000      // ms between 1601-01-01 and 1970-01-01

long UtcNowMs()
  {
   long ft=0;
   GetSystemTimeAsFileTime(ft);
   return(ft/10000-FILETIME_TO_UNIX_MS);
  }

//--- trade server time minus UTC, in seconds, rounded to a quarter hour
long ServerOffsetSeconds()
  {
   long diff=(long)TimeTradeServer()-(long)TimeGMT();
   return((long)MathRound(diff/900.0)*900);
  }

//--- server-clock milliseconds (MqlTick.time_msc, DEAL_TIME_MSC, ...) -> UTC ms
long ServerMsToUtc(const long serverMs)
  {
   return(serverMs-ServerOffsetSeconds()*1000);
  }

//--- UTC ms -> server-clock ms
long UtcToServerMs(const long utcMs)
  {
   return(utcMs+ServerOffsetSeconds()*1000);
  }

//+------------------------------------------------------------------+
//| Enumerations -> wire names                                       |
//+------------------------------------------------------------------+
string MarginModeName()
  {
   switch((ENUM_ACCOUNT_MARGIN_MODE)AccountInfoInteger(ACCOUNT_MARGIN_MODE))
     {
      case ACCOUNT_MARGIN_MODE_RETAIL_NETTING: return("netting");
      case ACCOUNT_MARGIN_MODE_EXCHANGE:       return("exchange");
      case ACCOUNT_MARGIN_MODE_RETAIL_HEDGING: return("hedging");
     }
   return("netting");
  }

bool IsHedgingAccount()
  {
   return((ENUM_ACCOUNT_MARGIN_MODE)AccountInfoInteger(ACCOUNT_MARGIN_MODE)==ACCOUNT_MARGIN_MODE_RETAIL_HEDGING);
  }

string DealEntryName(const long entry)
  {
   switch((ENUM_DEAL_ENTRY)entry)
     {
      case DEAL_ENTRY_IN:     return("in");
      case DEAL_ENTRY_OUT:    return("out");
      case DEAL_ENTRY_INOUT:  return("inout");
      case DEAL_ENTRY_OUT_BY: return("out_by");
     }
   return("in");
  }

string DealReasonName(const long reason)
  {
   switch((ENUM_DEAL_REASON)reason)
     {
      case DEAL_REASON_CLIENT:   return("client");
      case DEAL_REASON_MOBILE:   return("mobile");
      case DEAL_REASON_WEB:      return("web");
      case DEAL_REASON_EXPERT:   return("expert");
      case DEAL_REASON_SL:       return("sl");
      case DEAL_REASON_TP:       return("tp");
      case DEAL_REASON_SO:       return("so");
      case DEAL_REASON_ROLLOVER: return("rollover");
      case DEAL_REASON_VMARGIN:  return("vmargin");
      case DEAL_REASON_SPLIT:    return("split");
     }
   return("other");
  }

//--- "buy"/"sell" for a trade deal; "" for balance, credit, commission ...
string DealSideName(const long dealType)
  {
   if(dealType==DEAL_TYPE_BUY)
      return("buy");
   if(dealType==DEAL_TYPE_SELL)
      return("sell");
   return("");
  }

string PositionSideName(const long positionType)
  {
   return(positionType==POSITION_TYPE_BUY ? "buy" : "sell");
  }

//--- "M1".."MN1" -> timeframe; false for anything else
bool ParseTimeframe(const string name,ENUM_TIMEFRAMES &tf)
  {
   if(name=="M1")  { tf=PERIOD_M1;  return(true); }
   if(name=="M5")  { tf=PERIOD_M5;  return(true); }
   if(name=="M15") { tf=PERIOD_M15; return(true); }
   if(name=="M30") { tf=PERIOD_M30; return(true); }
   if(name=="H1")  { tf=PERIOD_H1;  return(true); }
   if(name=="H4")  { tf=PERIOD_H4;  return(true); }
   if(name=="D1")  { tf=PERIOD_D1;  return(true); }
   if(name=="W1")  { tf=PERIOD_W1;  return(true); }
   if(name=="MN1") { tf=PERIOD_MN1; return(true); }
   return(false);
  }

//--- true when the broker knows this symbol (custom symbols included)
bool SymbolKnown(const string name)
  {
   if(name=="")
      return(false);
   bool custom=false;
   return(SymbolExist(name,custom));
  }

//--- price digits of a symbol, 8 when unknown (prices are then written with 8)
int PriceDigits(const string symbol)
  {
   long d=0;
   if(symbol!="" && SymbolInfoInteger(symbol,SYMBOL_DIGITS,d))
      return((int)d);
   return(8);
  }

#define VOLUME_DIGITS 8
#define MONEY_DIGITS  8

//--- printable ASCII only, 1..maxLen characters (client order ids, section 9)
bool IsPrintableAscii(const string s,const int maxLen)
  {
   int n=StringLen(s);
   if(n<1 || n>maxLen)
      return(false);
   for(int i=0;i<n;i++)
     {
      ushort c=StringGetCharacter(s,i);
      if(c<0x20 || c>0x7E)
         return(false);
     }
   return(true);
  }

//+------------------------------------------------------------------+
//| The ROUTER (commands) and the PUB (events), with the sequence    |
//| numbers and the session id of section 6. EA thread only.         |
//+------------------------------------------------------------------+
class CBridgeIo
  {
private:
   long              m_context;
   CZmqSocket        m_router;
   CZmqSocket        m_pub;
   long              m_seq;           // last PUB sequence number used
   string            m_session;
   long              m_pubDropped;    // PUB frames zmq_send refused (socket errors only: at its high-water
                                      // mark a PUB drops silently, zmq_socket(3), so subscribers see seq gaps)
   long              m_replyDropped;  // replies to clients that left or are too slow

   //--- the routing id of the request being answered (set by ReceiveRequest)
   uchar             m_identity[];
   int               m_identityLen;

   uchar             m_frame[];       // receive buffer: 1 MiB + 1 byte to see oversize frames
   uchar             m_out[];         // encode buffer, reused

public:
                     CBridgeIo() : m_context(0),m_seq(0),m_session(""),m_pubDropped(0),m_replyDropped(0),m_identityLen(0) {}

   string            Session()      const { return(m_session); }
   long              LastSeq()      const { return(m_seq); }
   long              PubDropped()   const { return(m_pubDropped); }
   long              ReplyDropped() const { return(m_replyDropped); }

   //--- create the context and both sockets; false (and everything closed) on failure
   bool              Open(const string bindAddress,const int commandPort,const int publishPort,
                          const string curveSecretKey,const int pubHighWaterMark)
     {
      m_session=StringFormat("%I64d-%d",UtcNowMs(),MathRand());
      // a new session numbers its messages from 1 (6): the EA's globals, this
      // object included, survive a re-initialisation
      m_seq=0;
      m_pubDropped=0;
      m_replyDropped=0;
      ArrayResize(m_frame,ARIA_MAX_FRAME+1);
      ArrayResize(m_identity,ARIA_MAX_IDENTITY+1);

      m_context=zmq_ctx_new();
      if(m_context==0)
        {
         Print("ARIA zmq: zmq_ctx_new failed: ",ZmqErrorText(zmq_errno()));
         return(false);
        }
      bool curve=(curveSecretKey!="");
      bool ok=m_router.Open(m_context,ZMQ_ROUTER,"commands")
              && m_pub.Open(m_context,ZMQ_PUB,"events")
              && m_router.SetInt(ZMQ_LINGER,0)
              && m_pub.SetInt(ZMQ_LINGER,0)
              // ROUTER_MANDATORY stays 0 (section 1): a reply to a client
              // that has gone is dropped by libzmq, never blocks.
              && m_pub.SetInt(ZMQ_SNDHWM,pubHighWaterMark)
              // A frame above 1 MiB is read truncated and answered as malformed
              // (section 12). Only absurd frames (> 16 MiB) make libzmq drop the
              // peer's connection instead, so no client can exhaust the memory.
              && m_router.SetLong(ZMQ_MAXMSGSIZE,16*(long)ARIA_MAX_FRAME);
      // CURVE options must be set before bind (zmq_curve(7)).
      if(ok && curve)
         ok=m_router.SetInt(ZMQ_CURVE_SERVER,1)
            && m_router.SetCString(ZMQ_CURVE_SECRETKEY,curveSecretKey)
            && m_pub.SetInt(ZMQ_CURVE_SERVER,1)
            && m_pub.SetCString(ZMQ_CURVE_SECRETKEY,curveSecretKey);
      if(ok)
         ok=m_router.Bind(StringFormat("tcp://%s:%d",bindAddress,commandPort))
            && m_pub.Bind(StringFormat("tcp://%s:%d",bindAddress,publishPort));
      if(!ok)
         Close();
      return(ok);
     }

   //--- sockets first, then the context: zmq_ctx_term blocks while any
   //--- socket of the context is still open.
   void              Close()
     {
      m_router.Close();
      m_pub.Close();
      if(m_context!=0)
        {
         if(zmq_ctx_term(m_context)!=0)
            Print("ARIA zmq: zmq_ctx_term failed: ",ZmqErrorText(zmq_errno()));
         m_context=0;
        }
     }

   //--- Receives one request without blocking.
   //--- Returns 1 with text set, 0 when nothing is waiting, -1 for a frame
   //--- that must be answered as malformed (problem says why), -2 for a
   //--- socket error (nothing to answer).
   int               ReceiveRequest(string &text,string &problem)
     {
      text="";
      problem="";
      m_identityLen=0;
      int n=m_router.RecvFrame(m_identity);
      if(n==-1)
         return(0);
      if(n<0)
         return(-2);
      if(n>ARIA_MAX_IDENTITY || !m_router.HasMore())
         return(-2);                       // not a ROUTER envelope: nobody to answer
      m_identityLen=n;
      int len=m_router.RecvFrame(m_frame);
      if(len<0)
        {
         m_identityLen=0;
         return(-2);
        }
      // Everything after the first body frame is read and discarded so the
      // next receive starts at a message boundary (section 2: one frame only).
      bool extra=false;
      while(m_router.HasMore())
        {
         extra=true;
         if(m_router.RecvFrame(m_frame)<0)
            break;
        }
      if(extra)
        {
         problem="message has more than one frame";
         return(-1);
        }
      if(len>ARIA_MAX_FRAME)
        {
         problem=StringFormat("frame of %d bytes is larger than 1 MiB",len);
         return(-1);
        }
      // CharArrayToString stops at the first 0 byte: '{"a":1}\0garbage' would
      // read as '{"a":1}'. JSON text holds no NUL, so such a frame is malformed.
      for(int i=0;i<len;i++)
         if(m_frame[i]==0)
           {
            problem=StringFormat("frame holds a NUL byte at offset %d",i);
            return(-1);
           }
      // Invalid UTF-8 bytes become U+FFFD here; the JSON parser then decides.
      text=Utf8Decode(m_frame,len);
      if(len>0 && StringLen(text)==0)
        {
         problem="frame is not UTF-8 text";
         return(-1);
        }
      return(1);
     }

   //--- Sends a reply to the client of the last ReceiveRequest.
   bool              Reply(const string json)
     {
      if(m_identityLen<=0)
         return(false);
      int len=Utf8Encode(json,m_out);
      if(len>ARIA_MAX_FRAME)
        {
         // section 2: a sender never sends more than 1 MiB (paged replies stay below it)
         PrintFormat("ARIA bridge: a reply of %d bytes is over the 1 MiB frame limit and was not sent: %s",len,
                     StringSubstr(json,0,120));
         m_replyDropped++;
         return(false);
        }
      if(!m_router.SendFrame(m_identity,m_identityLen,true) || !m_router.SendFrame(m_out,len,false))
        {
         m_replyDropped++;
         return(false);
        }
      return(true);
     }

   //--- Starts an event: type, seq, session. The caller adds its fields and
   //--- calls Publish(w). A message libzmq drops still used its seq, so the
   //--- client sees the gap (section 6).
   void              BeginEvent(CJsonWriter &w,const string type)
     {
      w.Reset();
      w.BeginObject();
      w.Str("type",type);
      w.Long("seq",++m_seq);
      w.Str("session",m_session);
     }

   //--- Adds time_msc/utc_ms "now" unless the caller already wrote them.
   void              Publish(CJsonWriter &w,const bool addNow=true)
     {
      if(addNow)
        {
         long utc=UtcNowMs();
         w.Long("time_msc",UtcToServerMs(utc));
         w.Long("utc_ms",utc);
        }
      w.EndObject();
      int len=Utf8Encode(w.Text(),m_out);
      if(!m_pub.SendFrame(m_out,len,false))
         m_pubDropped++;
     }
  };

//+------------------------------------------------------------------+
//| Reply building (section 3)                                       |
//+------------------------------------------------------------------+
void BeginReply(CJsonWriter &w,const string requestType,const string id,const bool ok)
  {
   w.Reset();
   w.BeginObject();
   w.Str("type",requestType+"_reply");
   w.Str("id",id);
   w.Bool("ok",ok);
  }

//--- time_msc/utc_ms of "now", then closes the object
void EndReply(CJsonWriter &w)
  {
   long utc=UtcNowMs();
   w.Long("time_msc",UtcToServerMs(utc));
   w.Long("utc_ms",utc);
   w.EndObject();
  }

//--- a whole ok:false reply
string ErrorReply(const string replyPrefix,const string id,const string error,const string message)
  {
   CJsonWriter w;
   BeginReply(w,replyPrefix,id,false);
   w.Str("error",error);
   w.Str("message",message);
   EndReply(w);
   return(w.Text());
  }

#endif // ARIA_PROTOCOL_MQH
//+------------------------------------------------------------------+
