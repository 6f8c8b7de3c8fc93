//+------------------------------------------------------------------+
//| HostSelfTest.mq5 - checks the EA host's own promises: an array   |
//| index out of range stops the program naming this file and line,  |
//| and '.' on an object pointer reaches the object.                 |
//+------------------------------------------------------------------+
#property description "EA host self-test"

input int InpIndex = 0;     // index written into a 3-element array in OnInit

class CBox
  {
public:
   int               value;
                     CBox() : value(0) {}
  };

int OnInit()
  {
   CBox *box=new CBox();
   box.value=41;
   box.value++;
   PrintFormat("self-test: box %d",box.value);
   delete box;
   int a[];
   ArrayResize(a,3);
   a[InpIndex]=1;                      // out of range when InpIndex >= 3
   PrintFormat("self-test: wrote index %d",InpIndex);
   return(INIT_SUCCEEDED);
  }

void OnDeinit(const int reason) {}
void OnTimer() {}
void OnTick() {}
void OnTradeTransaction(const MqlTradeTransaction &trans,const MqlTradeRequest &request,const MqlTradeResult &result) {}
