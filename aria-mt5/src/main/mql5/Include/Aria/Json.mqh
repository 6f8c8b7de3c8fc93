//+------------------------------------------------------------------+
//| Json.mqh - a compact JSON reader and writer for the ARIA bridge  |
//|                                                                  |
//| Reader: parses one message (RFC 8259 text) into a small tree of  |
//| CJsonNode objects. It never throws and never crashes the EA on   |
//| bad input: Parse() returns NULL and Error() says what and where. |
//| Nesting is limited (JSON_MAX_DEPTH) so a hostile message cannot  |
//| exhaust the stack. Integers keep their exact 64-bit value (order |
//| tickets, millisecond times) next to their double value.          |
//|                                                                  |
//| Writer: appends to one string, handles commas itself, escapes    |
//| strings, and writes NaN/Infinity as 0 (JSON has no such numbers, |
//| and the bridge protocol never sends null).                       |
//|                                                                  |
//| MQL5 traps: objects are created with new and must be deleted     |
//| (the root's destructor deletes its children); strings are UTF-16,|
//| so \uXXXX escapes are copied as UTF-16 code units as they are.   |
//+------------------------------------------------------------------+
#ifndef ARIA_JSON_MQH
#define ARIA_JSON_MQH

#define JSON_MAX_DEPTH 16
// At most this many values in one document: a 1 MiB frame of "[0,0,0,..."
// holds half a million, and parsing it must not hold the EA's thread.
#define JSON_MAX_ELEMENTS 100000
// Members of one object at most: the duplicate check compares each new name
// with the ones before it, so this bounds its cost.
#define JSON_MAX_MEMBERS 1024

enum ENUM_JSON_TYPE
  {
   JSON_NULL=0,
   JSON_BOOL,
   JSON_NUMBER,
   JSON_STRING,
   JSON_ARRAY,
   JSON_OBJECT
  };

//+------------------------------------------------------------------+
//| One JSON value. Objects keep their members in order.             |
//+------------------------------------------------------------------+
class CJsonNode
  {
public:
   ENUM_JSON_TYPE    type;
   bool              boolValue;
   double            numValue;
   long              intValue;      // exact when isInteger
   bool              isInteger;     // number written without '.', 'e' and in long range
   string            strValue;      // string value, or the number's text
   string            keys[];        // object member names (same index as items)
   CJsonNode        *items[];       // array elements or object member values

                     CJsonNode() : type(JSON_NULL),boolValue(false),numValue(0.0),intValue(0),isInteger(false),strValue("") {}
                    ~CJsonNode()
     {
      int n=ArraySize(items);
      for(int i=0;i<n;i++)
         if(CheckPointer(items[i])==POINTER_DYNAMIC)
            delete items[i];
      ArrayFree(items);
      ArrayFree(keys);
     }

   int               Size() const { return(ArraySize(items)); }

   void              Append(const string key,CJsonNode *child)
     {
      int n=ArraySize(items);
      // reserve grows with the array (capacity doubles): a fixed reserve of 8
      // reallocated every 8 elements and made large arrays quadratic
      int reserve=MathMax(8,n);
      ArrayResize(items,n+1,reserve);
      ArrayResize(keys,n+1,reserve);
      items[n]=child;
      keys[n]=key;
     }

   //--- member of an object by name, NULL when absent or not an object
   CJsonNode        *Get(const string key)
     {
      if(type!=JSON_OBJECT)
         return(NULL);
      int n=ArraySize(items);
      for(int i=0;i<n;i++)
         if(keys[i]==key)
            return(items[i]);
      return(NULL);
     }

   //--- element of an array (or member of an object) by position
   CJsonNode        *At(const int index)
     {
      if(index<0 || index>=ArraySize(items))
         return(NULL);
      return(items[index]);
     }

   bool              Has(const string key) { return(Get(key)!=NULL); }
  };

//+------------------------------------------------------------------+
//| Typed access with explicit presence and type checks. Each getter |
//| returns false (and leaves the default) when the member is absent |
//| or of another type, so the caller can name the bad field.        |
//+------------------------------------------------------------------+
bool JsonGetString(CJsonNode *obj,const string key,string &value)
  {
   if(obj==NULL)
      return(false);
   CJsonNode *n=obj.Get(key);
   if(n==NULL || n.type!=JSON_STRING)
      return(false);
   value=n.strValue;
   return(true);
  }

bool JsonGetDouble(CJsonNode *obj,const string key,double &value)
  {
   if(obj==NULL)
      return(false);
   CJsonNode *n=obj.Get(key);
   if(n==NULL || n.type!=JSON_NUMBER)
      return(false);
   value=n.numValue;
   return(true);
  }

//--- integers only: 1.5 or 1e3 are refused for an integer field
bool JsonGetLong(CJsonNode *obj,const string key,long &value)
  {
   if(obj==NULL)
      return(false);
   CJsonNode *n=obj.Get(key);
   if(n==NULL || n.type!=JSON_NUMBER || !n.isInteger)
      return(false);
   value=n.intValue;
   return(true);
  }

bool JsonGetBool(CJsonNode *obj,const string key,bool &value)
  {
   if(obj==NULL)
      return(false);
   CJsonNode *n=obj.Get(key);
   if(n==NULL || n.type!=JSON_BOOL)
      return(false);
   value=n.boolValue;
   return(true);
  }

//--- true when the member is absent or explicitly null
bool JsonIsAbsent(CJsonNode *obj,const string key)
  {
   if(obj==NULL)
      return(true);
   CJsonNode *n=obj.Get(key);
   return(n==NULL || n.type==JSON_NULL);
  }

//--- short, printable rendering of a member's value for error messages
string JsonShow(CJsonNode *obj,const string key)
  {
   if(obj==NULL)
      return("absent");
   CJsonNode *n=obj.Get(key);
   if(n==NULL)
      return("absent");
   switch(n.type)
     {
      case JSON_NULL:   return("null");
      case JSON_BOOL:   return(n.boolValue ? "true" : "false");
      case JSON_NUMBER: return(n.strValue);
      case JSON_STRING:
        {
         string s=n.strValue;
         if(StringLen(s)>40)
            s=StringSubstr(s,0,40)+"...";
         return("\""+s+"\"");
        }
      case JSON_ARRAY:  return("an array");
      case JSON_OBJECT: return("an object");
     }
   return("?");
  }

//+------------------------------------------------------------------+
//| Recursive-descent parser over a UTF-16 string.                   |
//+------------------------------------------------------------------+
class CJsonParser
  {
private:
   string            m_text;
   int               m_pos;
   int               m_len;
   string            m_error;
   int               m_elements;    // values created so far in this document

   bool              SetError(const string what)
     {
      if(m_error=="")
         m_error=StringFormat("%s at offset %d",what,m_pos);
      return(false);
     }

   ushort            Peek() const { return(m_pos<m_len ? StringGetCharacter(m_text,m_pos) : (ushort)0); }

   void              SkipSpace()
     {
      while(m_pos<m_len)
        {
         ushort c=StringGetCharacter(m_text,m_pos);
         if(c!=' ' && c!='\t' && c!='\n' && c!='\r')
            break;
         m_pos++;
        }
     }

   bool              Expect(const string word)
     {
      int n=StringLen(word);
      if(m_pos+n>m_len || StringSubstr(m_text,m_pos,n)!=word)
         return(SetError("expected '"+word+"'"));
      m_pos+=n;
      return(true);
     }

   static int        HexDigit(const ushort c)
     {
      if(c>='0' && c<='9') return((int)(c-'0'));
      if(c>='a' && c<='f') return((int)(c-'a')+10);
      if(c>='A' && c<='F') return((int)(c-'A')+10);
      return(-1);
     }

   //--- at the opening quote; leaves m_pos after the closing quote
   bool              ParseString(string &out)
     {
      out="";
      m_pos++;   // opening quote
      int runStart=m_pos;
      while(m_pos<m_len)
        {
         ushort c=StringGetCharacter(m_text,m_pos);
         if(c=='"')
           {
            if(m_pos>runStart)
               out+=StringSubstr(m_text,runStart,m_pos-runStart);
            m_pos++;
            return(true);
           }
         if(c<0x20)
            return(SetError("control character in string"));
         if(c!='\\')
           {
            m_pos++;
            continue;
           }
         // flush the plain run, then decode one escape
         if(m_pos>runStart)
            out+=StringSubstr(m_text,runStart,m_pos-runStart);
         m_pos++;
         if(m_pos>=m_len)
            break;
         ushort e=StringGetCharacter(m_text,m_pos);
         switch(e)
           {
            case '"':  out+="\""; break;
            case '\\': out+="\\"; break;
            case '/':  out+="/";  break;
            case 'b':  out+=ShortToString(0x08); break;
            case 'f':  out+=ShortToString(0x0C); break;
            case 'n':  out+="\n"; break;
            case 'r':  out+="\r"; break;
            case 't':  out+="\t"; break;
            case 'u':
              {
               if(m_pos+4>=m_len)
                  return(SetError("short \\u escape"));
               int code=0;
               for(int k=1;k<=4;k++)
                 {
                  int d=HexDigit(StringGetCharacter(m_text,m_pos+k));
                  if(d<0)
                     return(SetError("bad \\u escape"));
                  code=code*16+d;
                 }
               if(code==0)
                  return(SetError("\\u0000 is not accepted"));
               // UTF-16 code unit as is: surrogate pairs arrive as two escapes
               out+=ShortToString((ushort)code);
               m_pos+=4;
               break;
              }
            default:
               return(SetError("bad escape"));
           }
         m_pos++;
         runStart=m_pos;
        }
      return(SetError("unterminated string"));
     }

   bool              ParseNumber(CJsonNode *node)
     {
      int start=m_pos;
      bool integer=true;
      if(Peek()=='-')
         m_pos++;
      if(!(Peek()>='0' && Peek()<='9'))
         return(SetError("bad number"));
      if(Peek()=='0')
         m_pos++;
      else
         while(Peek()>='0' && Peek()<='9')
            m_pos++;
      if(Peek()=='.')
        {
         integer=false;
         m_pos++;
         if(!(Peek()>='0' && Peek()<='9'))
            return(SetError("bad number"));
         while(Peek()>='0' && Peek()<='9')
            m_pos++;
        }
      if(Peek()=='e' || Peek()=='E')
        {
         integer=false;
         m_pos++;
         if(Peek()=='+' || Peek()=='-')
            m_pos++;
         if(!(Peek()>='0' && Peek()<='9'))
            return(SetError("bad number"));
         while(Peek()>='0' && Peek()<='9')
            m_pos++;
        }
      string text=StringSubstr(m_text,start,m_pos-start);
      node.type=JSON_NUMBER;
      node.strValue=text;
      node.numValue=StringToDouble(text);
      // 18 digits always fit in a long; longer integers are kept as doubles only
      int digits=StringLen(text)-(StringGetCharacter(text,0)=='-' ? 1 : 0);
      node.isInteger=(integer && digits<=18);
      node.intValue=(node.isInteger ? StringToInteger(text) : (long)node.numValue);
      return(true);
     }

   CJsonNode        *ParseValue(const int depth)
     {
      if(depth>JSON_MAX_DEPTH)
        {
         SetError("nesting deeper than "+IntegerToString(JSON_MAX_DEPTH));
         return(NULL);
        }
      SkipSpace();
      if(m_pos>=m_len)
        {
         SetError("unexpected end");
         return(NULL);
        }
      ushort c=Peek();
      if(++m_elements>JSON_MAX_ELEMENTS)
        {
         SetError(StringFormat("more than %d elements",JSON_MAX_ELEMENTS));
         return(NULL);
        }
      CJsonNode *node=new CJsonNode();
      bool ok=true;
      if(c=='{')
        {
         node.type=JSON_OBJECT;
         m_pos++;
         SkipSpace();
         if(Peek()=='}')
            m_pos++;
         else
            while(ok)
              {
               SkipSpace();
               if(Peek()!='"')
                 {
                  ok=SetError("expected a member name");
                  break;
                 }
               string key="";
               ok=ParseString(key);
               if(!ok)
                  break;
               // a name twice is malformed (PROTOCOL.md 12): readers disagree on
               // which value counts (this parser kept the first, Jackson the last)
               int members=node.Size();
               if(members>=JSON_MAX_MEMBERS)
                 {
                  ok=SetError(StringFormat("more than %d members in an object",JSON_MAX_MEMBERS));
                  break;
                 }
               for(int k=0;k<members && ok;k++)
                  if(node.keys[k]==key)
                     ok=SetError("member \""+(StringLen(key)>40 ? StringSubstr(key,0,40)+"..." : key)+"\" appears twice");
               if(!ok)
                  break;
               SkipSpace();
               if(Peek()!=':')
                 {
                  ok=SetError("expected ':'");
                  break;
                 }
               m_pos++;
               CJsonNode *child=ParseValue(depth+1);
               if(child==NULL)
                 {
                  ok=false;
                  break;
                 }
               node.Append(key,child);
               SkipSpace();
               if(Peek()==',')
                 {
                  m_pos++;
                  continue;
                 }
               if(Peek()=='}')
                 {
                  m_pos++;
                  break;
                 }
               ok=SetError("expected ',' or '}'");
              }
        }
      else if(c=='[')
        {
         node.type=JSON_ARRAY;
         m_pos++;
         SkipSpace();
         if(Peek()==']')
            m_pos++;
         else
            while(ok)
              {
               CJsonNode *child=ParseValue(depth+1);
               if(child==NULL)
                 {
                  ok=false;
                  break;
                 }
               node.Append("",child);
               SkipSpace();
               if(Peek()==',')
                 {
                  m_pos++;
                  continue;
                 }
               if(Peek()==']')
                 {
                  m_pos++;
                  break;
                 }
               ok=SetError("expected ',' or ']'");
              }
        }
      else if(c=='"')
        {
         node.type=JSON_STRING;
         ok=ParseString(node.strValue);
        }
      else if(c=='t')
        {
         node.type=JSON_BOOL;
         node.boolValue=true;
         ok=Expect("true");
        }
      else if(c=='f')
        {
         node.type=JSON_BOOL;
         node.boolValue=false;
         ok=Expect("false");
        }
      else if(c=='n')
        {
         node.type=JSON_NULL;
         ok=Expect("null");
        }
      else if(c=='-' || (c>='0' && c<='9'))
         ok=ParseNumber(node);
      else
         ok=SetError("unexpected character");
      if(!ok)
        {
         delete node;
         return(NULL);
        }
      return(node);
     }

public:
                     CJsonParser() : m_text(""),m_pos(0),m_len(0),m_error(""),m_elements(0) {}

   string            Error() const { return(m_error); }

   //--- Parses a whole document. Returns a new tree the caller must delete,
   //--- or NULL with Error() set. Trailing non-space text is an error.
   CJsonNode        *Parse(const string text)
     {
      m_text=text;
      m_pos=0;
      m_len=StringLen(text);
      m_error="";
      m_elements=0;
      CJsonNode *root=ParseValue(0);
      if(root==NULL)
         return(NULL);
      SkipSpace();
      if(m_pos<m_len)
        {
         SetError("text after the value");
         delete root;
         return(NULL);
        }
      return(root);
     }
  };

//+------------------------------------------------------------------+
//| Escapes a string for JSON (quotes included)                      |
//+------------------------------------------------------------------+
string JsonQuote(const string s)
  {
   string out="\"";
   int n=StringLen(s);
   int runStart=0;
   for(int i=0;i<n;i++)
     {
      ushort c=StringGetCharacter(s,i);
      string rep="";
      if(c=='"')
         rep="\\\"";
      else if(c=='\\')
         rep="\\\\";
      else if(c=='\n')
         rep="\\n";
      else if(c=='\r')
         rep="\\r";
      else if(c=='\t')
         rep="\\t";
      else if(c<0x20)
         rep=StringFormat("\\u%04x",(int)c);
      else
         continue;
      if(i>runStart)
         out+=StringSubstr(s,runStart,i-runStart);
      out+=rep;
      runStart=i+1;
     }
   if(n>runStart)
      out+=StringSubstr(s,runStart,n-runStart);
   return(out+"\"");
  }

//+------------------------------------------------------------------+
//| A double as JSON text with at most `digits` decimals and no      |
//| trailing zeros ("1.1", "100", "0.00001"). NaN/Inf -> "0".        |
//+------------------------------------------------------------------+
string JsonNumber(const double value,const int digits)
  {
   if(!MathIsValidNumber(value))
      return("0");
   string s=DoubleToString(value,digits);
   if(StringFind(s,".")>=0)
     {
      int n=StringLen(s);
      while(n>0 && StringGetCharacter(s,n-1)=='0')
         n--;
      if(n>0 && StringGetCharacter(s,n-1)=='.')
         n--;
      s=StringSubstr(s,0,n);
     }
   if(s=="-0")
      s="0";
   return(s);
  }

//+------------------------------------------------------------------+
//| Streaming writer. Usage:                                         |
//|   CJsonWriter w; w.BeginObject(); w.Str("type","ack");           |
//|   w.Long("seq",5); w.EndObject(); string text=w.Text();          |
//| Inside an array, pass key "" (or use the Item* methods).         |
//+------------------------------------------------------------------+
class CJsonWriter
  {
private:
   string            m_out;
   bool              m_first[];    // per open container: nothing written yet
   int               m_depth;

   void              Prefix(const string key)
     {
      if(m_depth>0)
        {
         if(!m_first[m_depth-1])
            m_out+=",";
         m_first[m_depth-1]=false;
        }
      if(key!="")
         m_out+=JsonQuote(key)+":";
     }

   void              Open(const string key,const string bracket)
     {
      Prefix(key);
      m_out+=bracket;
      ArrayResize(m_first,m_depth+1,16);
      m_first[m_depth]=true;
      m_depth++;
     }

   void              Close(const string bracket)
     {
      if(m_depth>0)
         m_depth--;
      m_out+=bracket;
     }

public:
                     CJsonWriter() : m_out(""),m_depth(0) {}

   void              Reset()                 { m_out=""; m_depth=0; }
   string            Text() const            { return(m_out); }

   void              BeginObject(const string key="") { Open(key,"{"); }
   void              EndObject()                      { Close("}"); }
   void              BeginArray(const string key="")  { Open(key,"["); }
   void              EndArray()                       { Close("]"); }

   void              Str(const string key,const string value)  { Prefix(key); m_out+=JsonQuote(value); }
   void              Long(const string key,const long value)   { Prefix(key); m_out+=IntegerToString(value); }
   //--- ulong values above LONG_MAX do not occur for MT5 tickets; keep exact anyway
   void              ULong(const string key,const ulong value) { Prefix(key); m_out+=StringFormat("%I64u",value); }
   void              Num(const string key,const double value,const int digits) { Prefix(key); m_out+=JsonNumber(value,digits); }
   void              Bool(const string key,const bool value)   { Prefix(key); m_out+=(value ? "true" : "false"); }
   void              Null(const string key)                    { Prefix(key); m_out+="null"; }
   //--- already-serialised JSON (e.g. an object built by another writer)
   void              Raw(const string key,const string json)   { Prefix(key); m_out+=json; }
  };

#endif // ARIA_JSON_MQH
//+------------------------------------------------------------------+
