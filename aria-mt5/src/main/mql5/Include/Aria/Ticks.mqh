//+------------------------------------------------------------------+
//| Ticks.mqh - lossless tick streaming with CopyTicks (section 6.2) |
//|                                                                  |
//| For each subscribed symbol the streamer remembers the time_msc   |
//| of the last tick it published and how many ticks of that same    |
//| millisecond it has already published. Each pump asks CopyTicks   |
//| for every tick from that millisecond on, skips the ones already  |
//| sent, and publishes the rest in order: no tick is lost between   |
//| two timer events, however many arrive, and none is sent twice.   |
//|                                                                  |
//| MQL5 traps:                                                      |
//|  * CopyTicks' `from` is milliseconds (ulong), not a datetime.    |
//|  * from=0 means "the last `count` ticks", never pass 0 here.     |
//|  * CopyTicks on a symbol whose ticks are not synchronised yet    |
//|    waits for the synchronisation in an EA (the docs speak of up  |
//|    to 45 s), with no heartbeat or reply meanwhile. So a new      |
//|    subscription only selects the symbol (which starts the        |
//|    synchronisation in the background); the timer starts it once |
//|    SymbolIsSynchronized says so, never a request handler.        |
//|  * SymbolInfoTick is cheap and is used as a gate so CopyTicks is |
//|    only called when something new may be there.                  |
//+------------------------------------------------------------------+
#ifndef ARIA_TICKS_MQH
#define ARIA_TICKS_MQH

#include "Protocol.mqh"

class CTickStreamer
  {
private:
   string            m_symbols[];
   long              m_lastMsc[];      // time_msc of the last tick published; -1 before the first quote,
                                       // -2 while the symbol's ticks are being synchronised
   int               m_sentAtLast[];   // ticks of that millisecond already published
   double            m_lastBid[];
   double            m_lastAsk[];
   int               m_digits[];
   MqlTick           m_ticks[];        // CopyTicks target, reused
   CJsonWriter       m_w;
   long              m_published;

   void              PublishTick(CBridgeIo &io,const int i,const MqlTick &t)
     {
      io.BeginEvent(m_w,"tick");
      m_w.Str("symbol",m_symbols[i]);
      m_w.Num("bid",t.bid,m_digits[i]);
      m_w.Num("ask",t.ask,m_digits[i]);
      m_w.Num("last",t.last,m_digits[i]);
      // volume_real carries fractional volumes; the integer field is its rounding
      double vol=(t.volume_real>0.0 ? t.volume_real : (double)t.volume);
      m_w.Num("volume",vol,VOLUME_DIGITS);
      m_w.Long("time_msc",t.time_msc);
      m_w.Long("utc_ms",ServerMsToUtc(t.time_msc));
      io.Publish(m_w,false);
      m_lastBid[i]=t.bid;
      m_lastAsk[i]=t.ask;
      m_published++;
     }

   //--- sets the starting point of a new subscription at the newest tick and
   //--- publishes that tick, so the client has a quote at once
   void              Start(CBridgeIo &io,const int i)
     {
      string s=m_symbols[i];
      MqlTick last;
      ZeroMemory(last);
      m_sentAtLast[i]=0;
      m_lastBid[i]=0.0;
      m_lastAsk[i]=0.0;
      if(!SymbolInfoTick(s,last) || last.time_msc<=0)
        {
         // No quote yet: start at the symbol's first quote (PumpOne), on the
         // server's clock. Starting from "now" by the PC clock dropped every
         // tick the server stamped earlier (a PC clock ahead of the server's).
         m_lastMsc[i]=-1;
         return;
        }
      m_lastMsc[i]=last.time_msc;
      // Count the ticks of that millisecond already in the database: they
      // belong to the past and must not be published by the next pump.
      int n=CopyTicks(s,m_ticks,COPY_TICKS_INFO,(ulong)last.time_msc,1000);
      int same=0;
      for(int k=0;k<n;k++)
         if(m_ticks[k].time_msc==last.time_msc)
            same++;
      m_sentAtLast[i]=same;
      PublishTick(io,i,last);
     }

public:
                     CTickStreamer() : m_published(0) {}

   int               Count() const          { return(ArraySize(m_symbols)); }
   string            SymbolAt(const int i) const { return(m_symbols[i]); }
   long              Published() const      { return(m_published); }

   int               Find(const string symbol) const
     {
      int n=ArraySize(m_symbols);
      for(int i=0;i<n;i++)
         if(m_symbols[i]==symbol)
            return(i);
      return(-1);
     }

   //--- subscribes (adds to Market Watch); true also when already subscribed,
   //--- false when the broker does not know the symbol
   bool              Add(CBridgeIo &io,const string symbol)
     {
      if(Find(symbol)>=0)
         return(true);
      if(!SymbolKnown(symbol))
         return(false);
      if(!SymbolSelect(symbol,true))
        {
         PrintFormat("ARIA ticks: SymbolSelect(%s) failed, error %d",symbol,GetLastError());
         return(false);
        }
      int i=ArraySize(m_symbols);
      ArrayResize(m_symbols,i+1);
      ArrayResize(m_lastMsc,i+1);
      ArrayResize(m_sentAtLast,i+1);
      ArrayResize(m_lastBid,i+1);
      ArrayResize(m_lastAsk,i+1);
      ArrayResize(m_digits,i+1);
      m_symbols[i]=symbol;
      m_digits[i]=PriceDigits(symbol);
      m_lastMsc[i]=-2;                 // PumpOne starts it once synchronised
      m_sentAtLast[i]=0;
      m_lastBid[i]=0.0;
      m_lastAsk[i]=0.0;
      return(true);
     }

   //--- true when it was subscribed
   bool              Remove(const string symbol)
     {
      int i=Find(symbol);
      if(i<0)
         return(false);
      int last=ArraySize(m_symbols)-1;
      if(i!=last)
        {
         // order does not matter: move the last entry into the hole
         m_symbols[i]=m_symbols[last];
         m_lastMsc[i]=m_lastMsc[last];
         m_sentAtLast[i]=m_sentAtLast[last];
         m_lastBid[i]=m_lastBid[last];
         m_lastAsk[i]=m_lastAsk[last];
         m_digits[i]=m_digits[last];
        }
      ArrayResize(m_symbols,last);
      ArrayResize(m_lastMsc,last);
      ArrayResize(m_sentAtLast,last);
      ArrayResize(m_lastBid,last);
      ArrayResize(m_lastAsk,last);
      ArrayResize(m_digits,last);
      return(true);
     }

   void              RemoveAll(string &removed[])
     {
      ArrayResize(removed,0);
      ArrayCopy(removed,m_symbols);
      ArrayResize(m_symbols,0);
      ArrayResize(m_lastMsc,0);
      ArrayResize(m_sentAtLast,0);
      ArrayResize(m_lastBid,0);
      ArrayResize(m_lastAsk,0);
      ArrayResize(m_digits,0);
     }

   //--- publishes every new tick of symbol i, at most maxTicks per call
   //--- (the rest follows on the next call, nothing is skipped)
   void              PumpOne(CBridgeIo &io,const int i,const int maxTicks)
     {
      string s=m_symbols[i];
      if(m_lastMsc[i]==-2)
        {
         if(!SymbolIsSynchronized(s))
            return;                    // ask again on the next timer event
         Start(io,i);
         return;
        }
      MqlTick cur;
      if(!SymbolInfoTick(s,cur))
         return;
      if(m_lastMsc[i]<0)
        {
         // the first quote since the subscription: stream from its millisecond
         if(cur.time_msc<=0)
            return;
         m_lastMsc[i]=cur.time_msc;
         m_sentAtLast[i]=0;
        }
      // Gate: nothing newer than what was published. Ticks that share the
      // last millisecond but were not seen yet are caught by the next pump
      // whose gate opens (CopyTicks below restarts at that millisecond).
      if(cur.time_msc<m_lastMsc[i] ||
         (cur.time_msc==m_lastMsc[i] && cur.bid==m_lastBid[i] && cur.ask==m_lastAsk[i]))
         return;
      // COPY_TICKS_INFO: ticks where bid and/or ask changed (section 6.2);
      // last/volume of such ticks carry the previous trade's values.
      int n=CopyTicks(s,m_ticks,COPY_TICKS_INFO,(ulong)m_lastMsc[i],(uint)maxTicks);
      if(n<=0)
         return;
      int skip=m_sentAtLast[i];
      for(int k=0;k<n;k++)
        {
         long t=m_ticks[k].time_msc;
         if(t<m_lastMsc[i])
            continue;
         if(t==m_lastMsc[i])
           {
            if(skip>0)
              {
               skip--;
               continue;
              }
            m_sentAtLast[i]++;
           }
         else
           {
            m_lastMsc[i]=t;
            m_sentAtLast[i]=1;
            skip=0;
           }
         PublishTick(io,i,m_ticks[k]);
        }
     }

   void              PumpAll(CBridgeIo &io,const int maxTicks)
     {
      int n=ArraySize(m_symbols);
      for(int i=0;i<n;i++)
         PumpOne(io,i,maxTicks);
     }
  };

#endif // ARIA_TICKS_MQH
//+------------------------------------------------------------------+
