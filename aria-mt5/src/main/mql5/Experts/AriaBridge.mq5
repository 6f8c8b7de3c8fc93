//+------------------------------------------------------------------+
//|                                                   AriaBridge.mq5 |
//|                        ARIA - MetaTrader 5 bridge Expert Advisor |
//|                                                                  |
//| Serves the ARIA MT5 bridge protocol, version 1                   |
//| (aria-mt5/PROTOCOL.md): a ZeroMQ ROUTER for commands and a PUB   |
//| for ticks, trade events and heartbeats, through libzmq.dll       |
//| imported directly (Include/Aria/Zmq.mqh).                        |
//|                                                                  |
//| Written from the MQL5 and libzmq documentation. No MetaEditor    |
//| here: CI runs these sources in the EA host harness instead       |
//| (aria-mt5/src/test/ea-host). See INSTALL.md.                     |
//|                                                                  |
//| Everything runs on the EA's single thread: a millisecond timer   |
//| drains waiting commands (a bounded number per event), publishes  |
//| new ticks of the subscribed symbols and the heartbeat. Nothing   |
//| blocks on the network; only OrderSend waits for the trade server.|
//+------------------------------------------------------------------+
#property copyright   "ARIA"
#property version     "1.00"
#property description "ARIA bridge: serves orders, positions, history and a lossless tick stream over ZeroMQ (libzmq.dll)."

#include <Aria\Commands.mqh>

//--- inputs
input string InpBindAddress        = "127.0.0.1"; // Bind address (loopback by default; another interface needs CURVE)
input int    InpCommandPort        = 15555;       // Command port (ROUTER)
input int    InpPublishPort        = 15556;       // Event port (PUB: ticks, trades, heartbeats)
input long   InpMagic              = 0;           // Magic for orders whose request carries none
input string InpSymbols            = "";          // Symbols to stream from the start, comma-separated (optional)
input string InpCurveSecretKey     = "";          // CURVE server secret key, Z85, 40 chars (empty = CURVE off)
input int    InpTimerMs            = 5;           // Timer period, ms (Windows timers tick every ~10-16 ms)
input int    InpHeartbeatMs        = 1000;        // Heartbeat period on the PUB, ms
input int    InpMaxCommandsPerTimer= 64;          // Commands handled per timer event at most
input int    InpMaxTicksPerSymbol  = 5000;        // Ticks published per symbol per timer event at most
input int    InpPubHighWaterMark   = 100000;      // PUB send high-water mark, messages (>= 10000)

CBridge        g_bridge;
BridgeSettings g_cfg;
bool           g_started=false;
ulong          g_nextBind=0;        // GetTickCount64() of the next bind attempt while unbound
int            g_bindBackoffMs=0;   // 500 ms doubling to 30 s
int            g_bindAttempts=0;

#define BIND_BACKOFF_FIRST_MS 500
#define BIND_BACKOFF_MAX_MS   30000

//+------------------------------------------------------------------+
//| Opens the sockets. After an unclean exit the ports can stay held |
//| inside the terminal process for a while, so a failed bind keeps  |
//| the EA loaded and is retried from the timer with a back-off.     |
//+------------------------------------------------------------------+
bool TryStart()
  {
   g_bindAttempts++;
   if(g_bridge.Start(g_cfg,InpSymbols))
     {
      if(g_bindAttempts>1)
         PrintFormat("ARIA bridge: bound after %d attempts",g_bindAttempts);
      g_started=true;
      g_bindBackoffMs=0;
      return(true);
     }
   // (Start closed whatever it had opened)
   g_bindBackoffMs=(g_bindBackoffMs==0 ? BIND_BACKOFF_FIRST_MS : MathMin(2*g_bindBackoffMs,BIND_BACKOFF_MAX_MS));
   g_nextBind=GetTickCount64()+(ulong)g_bindBackoffMs;
   PrintFormat("ARIA bridge: could not open the sockets (is another EA or program using ports %d/%d?); retry in %d ms",
               g_cfg.commandPort,g_cfg.publishPort,g_bindBackoffMs);
   return(false);
  }

//+------------------------------------------------------------------+
//| Checks the inputs; false (with a log line naming the input and   |
//| the value) when one is unusable. The key itself is never logged. |
//+------------------------------------------------------------------+
bool InputsValid()
  {
   if(InpBindAddress=="")
     {
      Print("ARIA bridge: input BindAddress must not be empty");
      return(false);
     }
   if(InpCommandPort<1 || InpCommandPort>65535 || InpPublishPort<1 || InpPublishPort>65535 || InpCommandPort==InpPublishPort)
     {
      PrintFormat("ARIA bridge: inputs CommandPort %d and PublishPort %d must be two different ports in 1..65535",
                  InpCommandPort,InpPublishPort);
      return(false);
     }
   if(InpMagic<0)
     {
      PrintFormat("ARIA bridge: input Magic must be >= 0, got %I64d",InpMagic);
      return(false);
     }
   if(InpCurveSecretKey!="" && StringLen(InpCurveSecretKey)!=40)
     {
      PrintFormat("ARIA bridge: input CurveSecretKey must be a 40-character Z85 key, got %d characters",
                  StringLen(InpCurveSecretKey));
      return(false);
     }
   if(InpTimerMs<1 || InpHeartbeatMs<10 || InpMaxCommandsPerTimer<1 || InpMaxTicksPerSymbol<1 || InpPubHighWaterMark<10000)
     {
      PrintFormat("ARIA bridge: inputs TimerMs %d (>= 1), HeartbeatMs %d (>= 10), MaxCommandsPerTimer %d (>= 1), "
                  "MaxTicksPerSymbol %d (>= 1), PubHighWaterMark %d (>= 10000) out of range",
                  InpTimerMs,InpHeartbeatMs,InpMaxCommandsPerTimer,InpMaxTicksPerSymbol,InpPubHighWaterMark);
      return(false);
     }
   if(InpBindAddress!="127.0.0.1" && InpBindAddress!="localhost" && InpCurveSecretKey=="")
      PrintFormat("ARIA bridge: WARNING: binding %s without CURVE: anyone who reaches this port can trade the account",
                  InpBindAddress);
   return(true);
  }

//+------------------------------------------------------------------+
int OnInit()
  {
   // Trap: calling an imported function while DLL imports are not
   // allowed stops the EA with a critical error, so check first.
   if(!MQLInfoInteger(MQL_DLLS_ALLOWED))
     {
      Print("ARIA bridge: DLL imports are not allowed. Enable \"Allow DLL imports\" in the EA's properties "
            "(Common tab) or in Tools > Options > Expert Advisors, then attach it again.");
      return(INIT_FAILED);
     }
   if(!InputsValid())
      return(INIT_PARAMETERS_INCORRECT);

   MathSrand((uint)GetTickCount());
   PrintFormat("ARIA bridge: libzmq %s, CURVE %s",ZmqVersion(),ZmqHasCurve() ? "available" : "not built in");
   if(InpCurveSecretKey!="")
     {
      if(!ZmqHasCurve())
        {
         Print("ARIA bridge: a CURVE key is set but this libzmq.dll has no CURVE support (build it with libsodium)");
         return(INIT_FAILED);
        }
      string pub=ZmqCurvePublicKey(InpCurveSecretKey);
      if(pub=="")
        {
         Print("ARIA bridge: input CurveSecretKey is not a valid Z85 key");
         return(INIT_PARAMETERS_INCORRECT);
        }
      // the PUBLIC key only: the client needs it as ARIA_MT5_CURVE_SERVER_KEY
      PrintFormat("ARIA bridge: CURVE server public key %s",pub);
     }
   if(!TerminalInfoInteger(TERMINAL_TRADE_ALLOWED))
      Print("ARIA bridge: Algo Trading is off in the terminal: orders will be refused (retcode 10027) until it is on");
   if(!MQLInfoInteger(MQL_TRADE_ALLOWED))
      Print("ARIA bridge: this EA may not trade (MQL_TRADE_ALLOWED is off: tick \"Allow Algo Trading\" in its Common tab): "
            "orders will be refused (retcode 10027)");

   // libzmq binds an address or an interface name, not a host name:
   // "localhost" would fail with ENODEV
   g_cfg.bindAddress       =(InpBindAddress=="localhost" ? "127.0.0.1" : InpBindAddress);
   g_cfg.commandPort       =InpCommandPort;
   g_cfg.publishPort       =InpPublishPort;
   g_cfg.defaultMagic      =InpMagic;
   g_cfg.curveSecretKey    =InpCurveSecretKey;
   g_cfg.heartbeatMs       =InpHeartbeatMs;
   g_cfg.maxCommandsPerPump=InpMaxCommandsPerTimer;
   g_cfg.maxTicksPerSymbol =InpMaxTicksPerSymbol;
   g_cfg.pubHighWaterMark  =InpPubHighWaterMark;
   g_started=false;
   g_bindBackoffMs=0;
   g_bindAttempts=0;

   if(!EventSetMillisecondTimer(InpTimerMs))
     {
      PrintFormat("ARIA bridge: EventSetMillisecondTimer(%d) failed, error %d",InpTimerMs,GetLastError());
      return(INIT_FAILED);
     }
   TryStart();                       // a failure is retried from OnTimer
   return(INIT_SUCCEEDED);
  }

//+------------------------------------------------------------------+
//| Removal, chart close, recompilation, input change, terminal exit:|
//| release the sockets and the context so the ports are free for    |
//| the next OnInit (an input change re-runs OnInit in this process).|
//+------------------------------------------------------------------+
void OnDeinit(const int reason)
  {
   EventKillTimer();
   if(g_started)
     {
      g_bridge.Stop();
      g_started=false;
     }
   PrintFormat("ARIA bridge: removed (reason %d)",reason);
  }

//+------------------------------------------------------------------+
void OnTimer()
  {
   if(g_started)
      g_bridge.Pump();
   else if(GetTickCount64()>=g_nextBind)
      TryStart();
  }

//+------------------------------------------------------------------+
//| A tick of the chart's symbol: pump at once instead of waiting    |
//| for the timer (the other symbols are served by the timer).       |
//+------------------------------------------------------------------+
void OnTick()
  {
   if(g_started)
      g_bridge.Pump();
  }

//+------------------------------------------------------------------+
//| Every trade deal on the account, whoever caused it: this bridge's|
//| orders, SL/TP hits, stop-outs, manual or other programs' closes. |
//| OnTradeTransaction runs after the handler that called OrderSend  |
//| returns, so an order's reply always leaves before its trade event|
//+------------------------------------------------------------------+
void OnTradeTransaction(const MqlTradeTransaction &trans,
                        const MqlTradeRequest &request,
                        const MqlTradeResult &result)
  {
   if(!g_started)
      return;
   if(trans.type==TRADE_TRANSACTION_DEAL_ADD)
      g_bridge.OnDealAdded(trans.deal);
  }
//+------------------------------------------------------------------+
