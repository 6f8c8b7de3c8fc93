// mql5.hpp - the MQL5 language runtime the transformed EA compiles against (types, strings,
// arrays, formatting, math, time). The trading API and the simulated account are in sim.hpp.
//
// Each rule cites the MQL5 reference page it was written from ("ref:" lines, www.mql5.com/en/docs).
// Where MQL5's behaviour is not modelled, the shim aborts with a message instead of guessing.
#pragma once
#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

extern "C" void __sanitizer_print_stack_trace();

// ref: /basis/types/integer (char 1, short 2, int 4, long 8 bytes; u* unsigned)
typedef unsigned char uchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;     // 64-bit on LP64 Linux, as MQL5's ulong
typedef long datetime;           // ref: /basis/types/integer/datetime (8 bytes, seconds since 1970)
typedef uint color;
static_assert(sizeof(long) == 8, "MQL5 long is 64-bit");

[[noreturn]] inline void MqlFatal(const char* what) {
    std::fprintf(stderr, "MQL5 RUNTIME ERROR (the terminal would stop the EA here): %s\n", what);
    __sanitizer_print_stack_trace();
    std::abort();
}

// ------------------------------------------------------------------ string
// ref: /basis/types/stringconst : a string is a sequence of UTF-16 code units (Unicode in MQL5);
// StringLen counts code units. An uninitialised string is NULL, which is not the same as "".
class string {
public:
    std::u16string s;
    bool null_ = false;
    string() : null_(true) {}
    string(const char* utf8) { if (utf8 == nullptr) null_ = true; else s = fromUtf8(utf8, std::strlen(utf8)); }
    string(const std::u16string& u) : s(u) {}
    string(const string&) = default;
    string& operator=(const string&) = default;
    string& operator=(const char* utf8) { *this = string(utf8); return *this; }
    string& operator+=(const string& o) { s += o.s; null_ = false; return *this; }
    int len() const { return (int)s.size(); }
    std::string utf8() const { return toUtf8(s); }

    static std::u16string fromUtf8(const char* p, size_t n) {
        std::u16string out;
        size_t i = 0;
        while (i < n) {
            unsigned c = (uchar)p[i];
            unsigned cp;
            int extra;
            if (c < 0x80) { cp = c; extra = 0; }
            else if ((c >> 5) == 6) { cp = c & 0x1F; extra = 1; }
            else if ((c >> 4) == 14) { cp = c & 0x0F; extra = 2; }
            else if ((c >> 3) == 30) { cp = c & 0x07; extra = 3; }
            else { out += (char16_t)0xFFFD; i++; continue; }
            bool ok = true;
            for (int k = 1; k <= extra; k++) {
                if (i + k >= n || (((uchar)p[i + k]) >> 6) != 2) { ok = false; break; }
                cp = (cp << 6) | (((uchar)p[i + k]) & 0x3F);
            }
            // overlong forms and surrogates are invalid UTF-8
            if (ok && ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))
                       || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
            if (!ok) { out += (char16_t)0xFFFD; i++; continue; }
            if (cp >= 0x10000) {
                cp -= 0x10000;
                out += (char16_t)(0xD800 + (cp >> 10));
                out += (char16_t)(0xDC00 + (cp & 0x3FF));
            } else {
                out += (char16_t)cp;
            }
            i += extra + 1;
        }
        return out;
    }
    static std::string toUtf8(const std::u16string& u) {
        std::string out;
        for (size_t i = 0; i < u.size(); i++) {
            unsigned cp = u[i];
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < u.size() && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (u[i + 1] - 0xDC00);
                i++;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;   // a lone surrogate: WideCharToMultiByte writes U+FFFD
            }
            if (cp < 0x80) out += (char)cp;
            else if (cp < 0x800) { out += (char)(0xC0 | (cp >> 6)); out += (char)(0x80 | (cp & 0x3F)); }
            else if (cp < 0x10000) { out += (char)(0xE0 | (cp >> 12)); out += (char)(0x80 | ((cp >> 6) & 0x3F)); out += (char)(0x80 | (cp & 0x3F)); }
            else { out += (char)(0xF0 | (cp >> 18)); out += (char)(0x80 | ((cp >> 12) & 0x3F)); out += (char)(0x80 | ((cp >> 6) & 0x3F)); out += (char)(0x80 | (cp & 0x3F)); }
        }
        return out;
    }
};
inline string operator+(const string& a, const string& b) { string r(a); r += b; return r; }
inline bool operator==(const string& a, const string& b) { return a.s == b.s; }
inline bool operator!=(const string& a, const string& b) { return a.s != b.s; }
inline bool operator<(const string& a, const string& b) { return a.s < b.s; }
inline bool operator>(const string& a, const string& b) { return a.s > b.s; }

// ------------------------------------------------------------------ dynamic arrays
// ref: /basis/variables (dynamic arrays), /array/arrayresize. An index outside [0, size) is a
// critical runtime error in MQL5 ("array out of range"): the program stops. Here: abort with the
// stack (the frames name the .mq5/.mqh line).
// std::vector<bool> has no bool& elements: bool arrays hold this cell instead
struct MqlBoolCell {
    bool b;
    MqlBoolCell(bool x = false) : b(x) {}
    operator bool() const { return b; }
};
template <typename T> struct MqlElem { typedef T type; };
template <> struct MqlElem<bool> { typedef MqlBoolCell type; };
template <typename T>
class MqlArray {
public:
    typedef typename MqlElem<T>::type E;
    std::vector<E> v;
    bool series = false;
    E& operator[](long i) {
        if (i < 0 || (size_t)i >= v.size()) oob(i);
        return v[(size_t)i];
    }
    const E& operator[](long i) const {
        if (i < 0 || (size_t)i >= v.size()) oob(i);
        return v[(size_t)i];
    }
    [[noreturn]] void oob(long i) const {
        char b[128];
        std::snprintf(b, sizeof b, "array out of range: index %ld, size %zu", i, v.size());
        MqlFatal(b);
    }
};

struct MqlInputBase {
    static std::map<std::string, std::function<bool(const std::string&)>>& all() {
        static std::map<std::string, std::function<bool(const std::string&)>> m;
        return m;
    }
};
// An EA input (the transformer turns 'input T X=v;' into 'T X=v; static MqlInput mql_input_X("X",X);').
struct MqlInput : MqlInputBase {
    MqlInput(const char* name, int& ref) { all()[name] = [&ref](const std::string& v) { ref = (int)std::strtol(v.c_str(), nullptr, 10); return true; }; }
    MqlInput(const char* name, long& ref) { all()[name] = [&ref](const std::string& v) { ref = std::strtol(v.c_str(), nullptr, 10); return true; }; }
    MqlInput(const char* name, double& ref) { all()[name] = [&ref](const std::string& v) { ref = std::strtod(v.c_str(), nullptr); return true; }; }
    MqlInput(const char* name, bool& ref) { all()[name] = [&ref](const std::string& v) { ref = (v == "true" || v == "1"); return true; }; }
    MqlInput(const char* name, string& ref) { all()[name] = [&ref](const std::string& v) { ref = string(v.c_str()); return true; }; }
};

// ------------------------------------------------------------------ errors
// ref: /constants/errorswarnings/errorcodes
#define ERR_SUCCESS 0
#define ERR_INVALID_PARAMETER 4003
#define ERR_NOT_ENOUGH_MEMORY 4004
#define ERR_ARRAY_RESIZE_ERROR 4007
#define ERR_MARKET_UNKNOWN_SYMBOL 4301
#define ERR_TRADE_POSITION_NOT_FOUND 4753
#define ERR_TRADE_ORDER_NOT_FOUND 4754
#define ERR_TRADE_DEAL_NOT_FOUND 4755
#define ERR_TRADE_SEND_FAILED 4756
#define ERR_FILE_CANNOT_OPEN 5004
#define ERR_HISTORY_NOT_FOUND 4401
inline int& mql_last_error() { static int e = 0; return e; }
inline int GetLastError() { return mql_last_error(); }
inline void ResetLastError() { mql_last_error() = 0; }
inline void SetUserErrorHost(int e) { mql_last_error() = e; }

#define WHOLE_ARRAY -1
#define CP_ACP 0
#define CP_UTF8 65001
#define EMPTY_VALUE DBL_MAX
#define INVALID_HANDLE -1

// ------------------------------------------------------------------ array functions (ref: /array)
template <typename T> int ArraySize(const MqlArray<T>& a) { return (int)a.v.size(); }
template <typename T> int ArrayResize(MqlArray<T>& a, int n, int reserve = 0) {
    if (n < 0) { mql_last_error() = ERR_ARRAY_RESIZE_ERROR; return -1; }
    if (reserve > 0 && a.v.capacity() < (size_t)n + (size_t)reserve && (size_t)n > a.v.capacity())
        a.v.reserve((size_t)n + (size_t)reserve);
    a.v.resize((size_t)n);
    return n;
}
template <typename T> void ArrayFree(MqlArray<T>& a) { a.v.clear(); a.v.shrink_to_fit(); }
template <typename T, typename V> int ArrayInitialize(MqlArray<T>& a, V value) { for (auto& x : a.v) x = (T)value; return (int)a.v.size(); }
template <typename T, typename V> void ArrayFill(MqlArray<T>& a, int start, int count, V value) {
    if (start < 0 || count < 0) MqlFatal("ArrayFill: negative start or count");
    // ref: /array/arrayfill: a dynamic array is extended to start+count
    if ((size_t)(start + count) > a.v.size()) a.v.resize((size_t)(start + count));
    for (int i = start; i < start + count; i++) a.v[(size_t)i] = (T)value;
}
template <typename T> int ArrayCopy(MqlArray<T>& dst, const MqlArray<T>& src, int dst_start = 0, int src_start = 0, int count = WHOLE_ARRAY) {
    if (src_start < 0 || src_start > (int)src.v.size()) return 0;
    int n = (int)src.v.size() - src_start;
    if (count >= 0 && count < n) n = count;
    if ((size_t)(dst_start + n) > dst.v.size()) dst.v.resize((size_t)(dst_start + n));
    for (int i = 0; i < n; i++) dst.v[(size_t)(dst_start + i)] = src.v[(size_t)(src_start + i)];
    return n;
}
template <typename T> bool ArraySetAsSeries(MqlArray<T>& a, bool flag) {
    if (flag) MqlFatal("ArraySetAsSeries(true) is not modelled by the host");
    a.series = false;
    return true;
}
template <typename T> void ZeroMemory(T& x) { x = T(); }
template <typename T> void ZeroMemory(MqlArray<T>& a) { for (auto& x : a.v) x = T(); }

// ------------------------------------------------------------------ pointers (ref: /common/checkpointer)
enum ENUM_POINTER_TYPE { POINTER_INVALID = 0, POINTER_DYNAMIC = 1, POINTER_AUTOMATIC = 2 };
template <typename T> ENUM_POINTER_TYPE CheckPointer(T* p) { return p == nullptr ? POINTER_INVALID : POINTER_DYNAMIC; }

// ------------------------------------------------------------------ math (ref: /math)
inline double MathRound(double x) { return std::round(x); }
inline double MathFloor(double x) { return std::floor(x); }
inline double MathCeil(double x) { return std::ceil(x); }
inline double MathAbs(double x) { return std::fabs(x); }
inline double MathPow(double a, double b) { return std::pow(a, b); }
inline double MathLog10(double a) { return std::log10(a); }
template <typename A, typename B> auto MathMax(A a, B b) -> decltype(a + b) { return a > b ? a : b; }
template <typename A, typename B> auto MathMin(A a, B b) -> decltype(a + b) { return a < b ? a : b; }
inline bool MathIsValidNumber(double x) { return std::isfinite(x); }
inline unsigned& mql_rand_state() { static unsigned s = 1; return s; }
inline void MathSrand(uint seed) { mql_rand_state() = seed; }
inline int MathRand() { mql_rand_state() = mql_rand_state() * 214013u + 2531011u; return (int)((mql_rand_state() >> 16) & 0x7FFF); }   // 0..32767
// ref: /convert/normalizedouble
inline double NormalizeDouble(double v, int digits) {
    if (digits < 0) digits = 0;
    if (digits > 8) digits = 8;
    double p = std::pow(10.0, digits);
    return std::round(v * p) / p;
}

// ------------------------------------------------------------------ string functions (ref: /strings, /convert)
inline int StringLen(const string& s) { return s.len(); }
inline ushort StringGetCharacter(const string& s, int pos) {
    if (pos < 0 || pos >= s.len()) { mql_last_error() = 5041; return 0; }   // ERR_STRING_POS_OUTOFRANGE
    return (ushort)s.s[(size_t)pos];
}
inline string StringSubstr(const string& s, int start, int length = -1) {
    if (start < 0) start = 0;
    if (start >= s.len()) return string(u"");
    int n = s.len() - start;
    if (length >= 0 && length < n) n = length;
    return string(s.s.substr((size_t)start, (size_t)n));
}
inline int StringFind(const string& s, const string& match, int start = 0) {
    if (start < 0) start = 0;
    size_t p = s.s.find(match.s, (size_t)start);
    return p == std::u16string::npos ? -1 : (int)p;
}
inline string ShortToString(ushort c) { return string(std::u16string(1, (char16_t)c)); }
inline string IntegerToString(long v, int len = 0, ushort fill = ' ') {
    std::string t = std::to_string(v);
    while ((int)t.size() < len) t.insert(t.begin(), (char)fill);
    return string(t.c_str());
}
// ref: /convert/doubletostring: digits 0..16 (outside: 8, with a negative value scientific format)
inline string DoubleToString(double v, int digits = 8) {
    char b[512];
    if (digits < 0 || digits > 16) digits = 8;
    if (std::isnan(v)) return string("nan");
    if (std::isinf(v)) return string(v > 0 ? "inf" : "-inf");
    std::snprintf(b, sizeof b, "%.*f", digits, v);
    return string(b);
}
inline double StringToDouble(const string& s) { return std::strtod(s.utf8().c_str(), nullptr); }
inline long StringToInteger(const string& s) { return std::strtol(s.utf8().c_str(), nullptr, 10); }
inline int StringTrimLeft(string& s) {
    size_t i = 0;
    while (i < s.s.size() && (s.s[i] == ' ' || s.s[i] == '\t' || s.s[i] == '\r' || s.s[i] == '\n')) i++;
    s.s.erase(0, i);
    return (int)i;
}
inline int StringTrimRight(string& s) {
    size_t n = s.s.size(), k = n;
    while (k > 0 && (s.s[k - 1] == ' ' || s.s[k - 1] == '\t' || s.s[k - 1] == '\r' || s.s[k - 1] == '\n')) k--;
    s.s.erase(k);
    return (int)(n - k);
}
// ref: /strings/stringreplace: replaces every occurrence in place, returns how many
inline int StringReplace(string& s, const string& find, const string& replacement) {
    if (find.len() == 0) return -1;
    int n = 0;
    size_t pos = 0;
    while ((pos = s.s.find(find.s, pos)) != std::u16string::npos) {
        s.s.replace(pos, find.s.size(), replacement.s);
        pos += replacement.s.size();
        n++;
    }
    return n;
}
// ref: /strings/stringsplit: returns the number of substrings; an empty string gives 0
inline int StringSplit(const string& s, ushort sep, MqlArray<string>& out) {
    out.v.clear();
    if (s.len() == 0) return 0;
    std::u16string cur;
    for (char16_t c : s.s) {
        if (c == sep) { out.v.push_back(string(cur)); cur.clear(); }
        else cur += c;
    }
    out.v.push_back(string(cur));
    return (int)out.v.size();
}
// ref: /convert/stringtochararray: copies the string converted to the code page, INCLUDING the
// terminating 0 when count is WHOLE_ARRAY, resizes a dynamic array, returns the elements copied.
inline int StringToCharArray(const string& text, MqlArray<uchar>& arr, int start = 0, int count = WHOLE_ARRAY, uint codepage = CP_ACP) {
    std::string bytes;
    if (codepage == CP_UTF8) bytes = text.utf8();
    else for (char16_t c : text.s) bytes += (char)(c < 0x100 ? c : '?');
    bytes.push_back('\0');
    int n = (int)bytes.size();
    if (count >= 0 && count < n) n = count;
    if ((size_t)(start + n) > arr.v.size()) arr.v.resize((size_t)(start + n));
    std::memcpy(arr.v.data() + start, bytes.data(), (size_t)n);
    return n;
}
// ref: /convert/chararraytostring: copies and converts a part of the array; the copy STOPS AT
// THE FIRST 0 BYTE (the rest of the array is not looked at). Invalid UTF-8 becomes U+FFFD.
inline string CharArrayToString(const MqlArray<uchar>& arr, int start = 0, int count = -1, uint codepage = CP_ACP) {
    if (start < 0 || start > (int)arr.v.size()) return string(u"");
    int n = (int)arr.v.size() - start;
    if (count >= 0 && count < n) n = count;
    const char* p = (const char*)arr.v.data() + start;
    int stop = 0;
    while (stop < n && p[stop] != 0) stop++;
    if (codepage == CP_UTF8) return string(string::fromUtf8(p, (size_t)stop));
    std::u16string u;
    for (int i = 0; i < stop; i++) u += (char16_t)(uchar)p[i];
    return string(u);
}

// StringFormat/PrintFormat (ref: /convert/stringformat, /common/printformat): printf-like, with
// MQL5's 'I64' size prefix; each argument is converted to what its conversion asks for.
struct MqlFmtArg {
    enum Kind { I, U, D, S, P } kind;
    long long i = 0;
    unsigned long long u = 0;
    double d = 0;
    std::string s;
    MqlFmtArg(int v) : kind(I), i(v) {}
    MqlFmtArg(long v) : kind(I), i(v) {}
    MqlFmtArg(long long v) : kind(I), i(v) {}
    MqlFmtArg(short v) : kind(I), i(v) {}
    MqlFmtArg(char v) : kind(I), i(v) {}
    MqlFmtArg(bool v) : kind(I), i(v) {}
    MqlFmtArg(uint v) : kind(U), u(v) {}
    MqlFmtArg(ulong v) : kind(U), u(v) {}
    MqlFmtArg(ushort v) : kind(U), u(v) {}
    MqlFmtArg(uchar v) : kind(U), u(v) {}
    MqlFmtArg(double v) : kind(D), d(v) {}
    MqlFmtArg(float v) : kind(D), d(v) {}
    MqlFmtArg(const string& v) : kind(S), s(v.utf8()) {}
    MqlFmtArg(const char* v) : kind(S), s(v) {}
    template <typename E, typename = typename std::enable_if<std::is_enum<E>::value>::type>
    MqlFmtArg(E v) : kind(I), i((long long)v) {}
};
inline std::string mql_format(const std::string& fmt, const std::vector<MqlFmtArg>& args) {
    std::string out;
    size_t ai = 0;
    for (size_t i = 0; i < fmt.size(); i++) {
        char c = fmt[i];
        if (c != '%') { out += c; continue; }
        if (i + 1 < fmt.size() && fmt[i + 1] == '%') { out += '%'; i++; continue; }
        std::string spec = "%";
        size_t j = i + 1;
        while (j < fmt.size() && std::strchr("-+ #0", fmt[j])) spec += fmt[j++];
        while (j < fmt.size() && (std::isdigit((uchar)fmt[j]) || fmt[j] == '.')) spec += fmt[j++];
        while (j < fmt.size() && (fmt[j] == 'h' || fmt[j] == 'l' || fmt[j] == 'I' || fmt[j] == '6' || fmt[j] == '4')) j++;
        if (j >= fmt.size()) break;
        char conv = fmt[j];
        i = j;
        if (ai >= args.size()) MqlFatal("StringFormat: fewer arguments than conversions");
        const MqlFmtArg& a = args[ai++];
        char b[1024];
        switch (conv) {
            case 'd': case 'i': {
                long long v = a.kind == MqlFmtArg::I ? a.i : a.kind == MqlFmtArg::U ? (long long)a.u : (long long)a.d;
                std::snprintf(b, sizeof b, (spec + "lld").c_str(), v);
                break;
            }
            case 'u': case 'x': case 'X': case 'o': {
                unsigned long long v = a.kind == MqlFmtArg::U ? a.u : (unsigned long long)a.i;
                std::snprintf(b, sizeof b, (spec + "ll" + conv).c_str(), v);
                break;
            }
            case 'f': case 'e': case 'E': case 'g': case 'G': {
                double v = a.kind == MqlFmtArg::D ? a.d : a.kind == MqlFmtArg::I ? (double)a.i : (double)a.u;
                std::snprintf(b, sizeof b, (spec + conv).c_str(), v);
                break;
            }
            case 's': {
                if (a.kind != MqlFmtArg::S) MqlFatal("StringFormat: %s given a number");
                std::string t = a.s;
                if (spec == "%") { out += t; continue; }
                std::snprintf(b, sizeof b, (spec + "s").c_str(), t.c_str());
                break;
            }
            case 'c': std::snprintf(b, sizeof b, "%c", (int)a.i); break;
            default: MqlFatal("StringFormat: conversion not modelled");
        }
        out += b;
    }
    return out;
}
template <typename... A> string StringFormat(const string& fmt, const A&... a) {
    return string(mql_format(fmt.utf8(), std::vector<MqlFmtArg>{MqlFmtArg(a)...}).c_str());
}
void HostLog(const std::string& line);
template <typename... A> void PrintFormat(const string& fmt, const A&... a) {
    HostLog(mql_format(fmt.utf8(), std::vector<MqlFmtArg>{MqlFmtArg(a)...}));
}
inline std::string mql_print_one(const MqlFmtArg& a) {
    char b[64];
    switch (a.kind) {
        case MqlFmtArg::I: return std::to_string(a.i);
        case MqlFmtArg::U: return std::to_string(a.u);
        case MqlFmtArg::D: std::snprintf(b, sizeof b, "%.8g", a.d); return b;
        default: return a.s;
    }
}
template <typename... A> void Print(const A&... a) {
    std::string line;
    for (const MqlFmtArg& x : std::vector<MqlFmtArg>{MqlFmtArg(a)...}) line += mql_print_one(x);
    HostLog(line);
}
