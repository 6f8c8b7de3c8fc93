//+------------------------------------------------------------------+
//| Zmq.mqh - a small, direct import layer over libzmq (4.x, 64-bit) |
//|                                                                  |
//| ARIA MT5 bridge. Written from the libzmq API reference (zmq.h,   |
//| zmq_socket(3), zmq_setsockopt(3), zmq_recv(3), zmq_send(3),      |
//| zmq_curve(7)) and the MQL5 documentation on #import. No          |
//| third-party MQL wrapper is used on purpose: the terminal only    |
//| has to agree with the C ABI of libzmq, which does not change.    |
//|                                                                  |
//| Traps, stated once here:                                         |
//|  * MetaTrader 5 is 64-bit: every void* of the C API (context,    |
//|    socket) is a `long` here, every size_t is a `ulong`.          |
//|  * An array parameter `uchar &buf[]` is passed to the DLL as a   |
//|    pointer to the first element; the DLL never sees its size, so |
//|    the length argument must never exceed ArraySize(buf).         |
//|  * MQL5 strings are UTF-16. Everything that crosses into libzmq  |
//|    is converted to UTF-8 bytes with StringToCharArray(...,       |
//|    CP_UTF8), which appends a terminating 0 (counted in its       |
//|    return value): C strings (endpoints, Z85 keys) keep it,       |
//|    message bodies drop it.                                       |
//|  * Nothing here may block the terminal's single EA thread:       |
//|    every receive and send uses ZMQ_DONTWAIT, and EAGAIN simply   |
//|    means "nothing now".                                          |
//+------------------------------------------------------------------+
#ifndef ARIA_ZMQ_MQH
#define ARIA_ZMQ_MQH

//--- socket types (zmq.h)
#define ZMQ_PUB                 1
#define ZMQ_ROUTER              6

//--- send/recv flags (zmq.h)
#define ZMQ_DONTWAIT            1
#define ZMQ_SNDMORE             2

//--- socket options (zmq.h)
#define ZMQ_RCVMORE            13
#define ZMQ_LINGER             17
#define ZMQ_MAXMSGSIZE         22
#define ZMQ_SNDHWM             23
#define ZMQ_RCVHWM             24
#define ZMQ_ROUTER_MANDATORY   33
#define ZMQ_CURVE_SERVER       47
#define ZMQ_CURVE_PUBLICKEY    48
#define ZMQ_CURVE_SECRETKEY    49
#define ZMQ_HANDSHAKE_IVL      66

//--- errno values as libzmq reports them on Windows (MSVC errno.h and
//--- zmq.h's ZMQ_HAUSNUMERO block). zmq_errno() is used rather than the
//--- terminal's own errno because libzmq may be linked to another CRT.
#define ZMQ_E_INTR              4
#define ZMQ_E_AGAIN            11
#define ZMQ_E_HOSTUNREACH     110
#define ZMQ_E_TERM      156384765   // ZMQ_HAUSNUMERO (156384712) + 53

#import "libzmq.dll"
void zmq_version(int &major,int &minor,int &patch);
int  zmq_errno();
long zmq_strerror(int errnum);                       // returns const char*
int  zmq_has(const uchar &capability[]);             // "curve" -> 1 when CURVE is built in
// Derives the Z85 public key (40 chars + 0, so a 41-byte buffer) from a Z85
// secret key (libzmq >= 4.2.1). Used only to print the public key for the client.
int  zmq_curve_public(uchar &z85_public[],const uchar &z85_secret[]);
long zmq_ctx_new();
int  zmq_ctx_term(long context);
long zmq_socket(long context,int type);
int  zmq_close(long socket);
// zmq_setsockopt takes a const void*; MQL5 allows overloads of one imported
// name, each passing its argument by address.
int  zmq_setsockopt(long socket,int option,const uchar &optval[],ulong optvallen);
int  zmq_setsockopt(long socket,int option,const int &optval,ulong optvallen);
int  zmq_setsockopt(long socket,int option,const long &optval,ulong optvallen);
int  zmq_getsockopt(long socket,int option,int &optval,ulong &optvallen);
int  zmq_bind(long socket,const uchar &endpoint[]);
int  zmq_send(long socket,const uchar &buf[],ulong len,int flags);
// Returns the FULL size of the message even when it was larger than len
// (the excess is discarded by libzmq): a result > len means "truncated".
int  zmq_recv(long socket,uchar &buf[],ulong len,int flags);
#import

//--- Only to read the C string returned by zmq_strerror.
#import "kernel32.dll"
int  lstrlenA(long psz);
void RtlMoveMemory(uchar &dst[],long src,ulong len);
#import

//+------------------------------------------------------------------+
//| Text of a libzmq errno, e.g. "11 Resource temporarily unavailable"|
//+------------------------------------------------------------------+
string ZmqErrorText(const int err)
  {
   string text="";
   long p=zmq_strerror(err);
   if(p!=0)
     {
      int n=lstrlenA(p);
      if(n>0 && n<1024)
        {
         uchar buf[];
         ArrayResize(buf,n);
         RtlMoveMemory(buf,p,(ulong)n);
         text=CharArrayToString(buf,0,n,CP_ACP);
        }
     }
   return(IntegerToString(err)+" "+text);
  }

//+------------------------------------------------------------------+
//| libzmq version as "4.3.5"                                        |
//+------------------------------------------------------------------+
string ZmqVersion()
  {
   int major=0,minor=0,patch=0;
   zmq_version(major,minor,patch);
   return(StringFormat("%d.%d.%d",major,minor,patch));
  }

//+------------------------------------------------------------------+
//| true when the loaded libzmq was built with CURVE (libsodium or   |
//| its bundled tweetnacl)                                           |
//+------------------------------------------------------------------+
bool ZmqHasCurve()
  {
   uchar cap[];
   StringToCharArray("curve",cap,0,WHOLE_ARRAY,CP_UTF8);   // keeps the 0
   return(zmq_has(cap)==1);
  }

//+------------------------------------------------------------------+
//| The Z85 public key that belongs to a Z85 secret key, "" when the |
//| key is not valid Z85 or libzmq has no CURVE.                     |
//+------------------------------------------------------------------+
string ZmqCurvePublicKey(const string z85Secret)
  {
   if(StringLen(z85Secret)!=40)
      return("");
   uchar sec[];
   StringToCharArray(z85Secret,sec,0,WHOLE_ARRAY,CP_UTF8);
   uchar pub[];
   ArrayResize(pub,41);
   ArrayInitialize(pub,0);
   int rc=zmq_curve_public(pub,sec);
   ArrayFill(sec,0,ArraySize(sec),0);
   if(rc!=0)
      return("");
   return(CharArrayToString(pub,0,40,CP_UTF8));
  }

//+------------------------------------------------------------------+
//| One libzmq socket. Owned by the EA thread only (libzmq sockets   |
//| are not thread-safe, and an EA has one thread anyway).           |
//+------------------------------------------------------------------+
class CZmqSocket
  {
private:
   long              m_handle;
   string            m_name;       // for log lines only
   int               m_lastErrno;

   bool              Fail(const string what)
     {
      m_lastErrno=zmq_errno();
      PrintFormat("ARIA zmq %s: %s failed: %s",m_name,what,ZmqErrorText(m_lastErrno));
      return(false);
     }

public:
                     CZmqSocket() : m_handle(0),m_name(""),m_lastErrno(0) {}
                    ~CZmqSocket() { Close(); }

   bool              IsOpen()    const { return(m_handle!=0); }
   int               LastErrno() const { return(m_lastErrno); }
   string            Name()      const { return(m_name); }

   //--- create the socket in a context
   bool              Open(const long context,const int type,const string name)
     {
      m_name=name;
      m_handle=zmq_socket(context,type);
      if(m_handle==0)
         return(Fail("zmq_socket"));
      return(true);
     }

   bool              SetInt(const int option,const int value)
     {
      if(zmq_setsockopt(m_handle,option,value,(ulong)sizeof(int))!=0)
         return(Fail("setsockopt "+IntegerToString(option)));
      return(true);
     }

   bool              SetLong(const int option,const long value)
     {
      if(zmq_setsockopt(m_handle,option,value,(ulong)sizeof(long))!=0)
         return(Fail("setsockopt "+IntegerToString(option)));
      return(true);
     }

   //--- a text option passed as a C string (with its terminating 0), which is
   //--- how libzmq recognises a 40-character Z85 CURVE key (41 bytes).
   //--- The value itself is never logged: it may be a secret key.
   bool              SetCString(const int option,const string value)
     {
      uchar bytes[];
      int n=StringToCharArray(value,bytes,0,WHOLE_ARRAY,CP_UTF8);   // n counts the 0
      bool ok=(zmq_setsockopt(m_handle,option,bytes,(ulong)n)==0);
      ArrayFill(bytes,0,ArraySize(bytes),0);                        // wipe the copy
      if(!ok)
         return(Fail("setsockopt "+IntegerToString(option)));
      return(true);
     }

   bool              Bind(const string endpoint)
     {
      uchar ep[];
      StringToCharArray(endpoint,ep,0,WHOLE_ARRAY,CP_UTF8);
      if(zmq_bind(m_handle,ep)!=0)
         return(Fail("bind "+endpoint));
      PrintFormat("ARIA zmq %s: bound %s",m_name,endpoint);
      return(true);
     }

   //--- true when the frame just received has more frames after it
   bool              HasMore()
     {
      int more=0;
      ulong len=(ulong)sizeof(int);
      if(zmq_getsockopt(m_handle,ZMQ_RCVMORE,more,len)!=0)
         return(false);
      return(more!=0);
     }

   //--- Non-blocking receive of one frame into buf (whose size is the limit).
   //--- Returns the frame's full size (> ArraySize(buf) when truncated),
   //--- 0 or more on success, -1 when nothing is waiting (EAGAIN),
   //--- -2 on a real error (logged).
   int               RecvFrame(uchar &buf[])
     {
      int n=zmq_recv(m_handle,buf,(ulong)ArraySize(buf),ZMQ_DONTWAIT);
      if(n>=0)
         return(n);
      m_lastErrno=zmq_errno();
      if(m_lastErrno==ZMQ_E_AGAIN || m_lastErrno==ZMQ_E_INTR)
         return(-1);
      Fail("recv");
      return(-2);
     }

   //--- Non-blocking send of the first len bytes of buf. more=true sends
   //--- ZMQ_SNDMORE (another frame of the same message follows).
   //--- On EAGAIN (high-water mark reached, or no peer yet) the frame is
   //--- dropped and false returned without a log line: callers count drops.
   bool              SendFrame(const uchar &buf[],const int len,const bool more)
     {
      int flags=ZMQ_DONTWAIT|(more ? ZMQ_SNDMORE : 0);
      // zmq_send with len 0 is legal (empty frame); buf must still be a
      // valid array, so callers pass a one-element array for empty frames.
      if(zmq_send(m_handle,buf,(ulong)len,flags)>=0)
         return(true);
      m_lastErrno=zmq_errno();
      if(m_lastErrno!=ZMQ_E_AGAIN && m_lastErrno!=ZMQ_E_HOSTUNREACH)
         Fail("send");
      return(false);
     }

   //--- LINGER 0 so that close never waits for unsent data: on removal the
   //--- EA must give the terminal back its thread at once.
   void              Close()
     {
      if(m_handle==0)
         return;
      int zero=0;
      zmq_setsockopt(m_handle,ZMQ_LINGER,zero,(ulong)sizeof(int));
      if(zmq_close(m_handle)!=0)
         Fail("close");
      m_handle=0;
     }
  };

//+------------------------------------------------------------------+
//| UTF-8 helpers for message bodies                                 |
//+------------------------------------------------------------------+
//--- text -> UTF-8 bytes WITHOUT the terminating 0; returns the byte count
int Utf8Encode(const string text,uchar &bytes[])
  {
   if(StringLen(text)==0)
     {
      ArrayResize(bytes,1);
      bytes[0]=0;
      return(0);
     }
   int n=StringToCharArray(text,bytes,0,WHOLE_ARRAY,CP_UTF8);
   // n includes the 0 appended by StringToCharArray
   return(n>0 ? n-1 : 0);
  }

//--- first len bytes of a UTF-8 buffer -> text
string Utf8Decode(const uchar &bytes[],const int len)
  {
   if(len<=0)
      return("");
   return(CharArrayToString(bytes,0,len,CP_UTF8));
  }

#endif // ARIA_ZMQ_MQH
//+------------------------------------------------------------------+
