// zmq_glue.cpp - the real libzmq behind the EA's '#import "libzmq.dll"' declarations (a separate
// translation unit: zmq.h's C declarations and the EA's MQL5 signatures, e.g. 'long zmq_ctx_new()',
// cannot share one). errno values are translated to the ones libzmq.dll reports on Windows (MSVC
// errno.h; libzmq's own ZMQ_HAUSNUMERO codes are the same on both), which is what the EA compares.
#include <cerrno>
#include <cstddef>
#include <zmq.h>

namespace {
struct ErrnoPair { int linux_; int windows_; };
// MSVC errno.h (POSIX supplement) values for the socket errors libzmq reports
const ErrnoPair kErrno[] = {
    {EPERM, 1}, {ENOENT, 2}, {EINTR, 4}, {EAGAIN, 11}, {ENOMEM, 12}, {EACCES, 13}, {EFAULT, 14}, {EINVAL, 22}, {EMFILE, 24},
    {EADDRINUSE, 100}, {EADDRNOTAVAIL, 101}, {EAFNOSUPPORT, 102}, {EALREADY, 103}, {ECONNABORTED, 106}, {ECONNREFUSED, 107},
    {ECONNRESET, 108}, {EHOSTUNREACH, 110}, {EINPROGRESS, 112}, {EMSGSIZE, 115}, {ENETDOWN, 116}, {ENETRESET, 117},
    {ENETUNREACH, 118}, {ENOBUFS, 119}, {ENOTCONN, 126}, {ENOTSOCK, 128}, {ENOTSUP, 129}, {EPROTONOSUPPORT, 135},
    {ETIMEDOUT, 138},
};
}

long host_zmq_ctx_new() { return (long)zmq_ctx_new(); }
int host_zmq_ctx_term(long c) { return zmq_ctx_term((void*)c); }
long host_zmq_socket(long c, int type) { return (long)zmq_socket((void*)c, type); }
int host_zmq_close(long s) { return zmq_close((void*)s); }
int host_zmq_setsockopt(long s, int opt, const void* v, size_t n) { return zmq_setsockopt((void*)s, opt, v, n); }
int host_zmq_getsockopt(long s, int opt, void* v, size_t* n) { return zmq_getsockopt((void*)s, opt, v, n); }
int host_zmq_bind(long s, const char* ep) { return zmq_bind((void*)s, ep); }
int host_zmq_send(long s, const void* b, size_t n, int flags) { return zmq_send((void*)s, b, n, flags); }
int host_zmq_recv(long s, void* b, size_t n, int flags) { return zmq_recv((void*)s, b, n, flags); }
int host_zmq_errno_windows() {
    int e = zmq_errno();
    for (const ErrnoPair& p : kErrno) if (p.linux_ == e) return p.windows_;
    return e;   // ZMQ_HAUSNUMERO-based codes (EFSM, ENOCOMPATPROTO, ETERM, EMTHREAD) are the same
}
long host_zmq_strerror_windows(int e) {
    for (const ErrnoPair& p : kErrno) if (p.windows_ == e) return (long)zmq_strerror(p.linux_);
    return (long)zmq_strerror(e);
}
int host_zmq_has(const char* cap) { return zmq_has(cap); }
int host_zmq_curve_public(char* pub, const char* sec) { return zmq_curve_public(pub, sec); }
void host_zmq_version(int* a, int* b, int* c) { zmq_version(a, b, c); }
