#!/usr/bin/python3
"""Plays the terminal's side of aria-mt5's PROTOCOL.md on the C libzmq (Debian's python3-zmq).

The interop test starts it, reads "READY <command endpoint> <event endpoint>" from stdout, and
drives a handshake, ticks and an order round trip through it. CURVE is on when the environment
holds ARIA_MT5_CURVE_SERVER_SECRET_KEY (the terminal's Z85 secret key). It binds to loopback on
ephemeral ports and exits after 60 s, or when stdin closes.
"""
import json
import os
import select
import sys
import time

import zmq

SYMBOL = "EURUSD.pro"


def now_ms():
    return int(time.time() * 1000)


class Peer:
    def __init__(self):
        self.ctx = zmq.Context()
        self.router = self.ctx.socket(zmq.ROUTER)
        self.pub = self.ctx.socket(zmq.PUB)
        secret = os.environ.get("ARIA_MT5_CURVE_SERVER_SECRET_KEY")
        for s in (self.router, self.pub):
            s.setsockopt(zmq.LINGER, 0)
            if secret:
                s.setsockopt(zmq.CURVE_SERVER, 1)
                s.setsockopt(zmq.CURVE_SECRETKEY, secret.encode("ascii"))
        self.router.bind("tcp://127.0.0.1:*")
        self.pub.bind("tcp://127.0.0.1:*")
        self.session = "py-%d" % now_ms()
        self.seq = 0
        self.subscribed = set()
        self.positions = {}
        self.deals = []
        self.cids = {}
        self.ticket = 500
        self.bid, self.ask = 1.08500, 1.08512
        self.balance = 10000.0

    def endpoints(self):
        return (self.router.getsockopt(zmq.LAST_ENDPOINT).decode(), self.pub.getsockopt(zmq.LAST_ENDPOINT).decode())

    def publish(self, msg):
        self.seq += 1
        msg["seq"] = self.seq
        msg["session"] = self.session
        msg.setdefault("utc_ms", now_ms())
        msg.setdefault("time_msc", msg["utc_ms"])
        self.pub.send(json.dumps(msg).encode("utf-8"))

    def reply(self, req, **fields):
        r = {"type": req["type"] + "_reply", "id": req["id"], "ok": True, "time_msc": now_ms(), "utc_ms": now_ms()}
        r.update(fields)
        return r

    def account(self):
        margin = sum(p["volume"] * 100000 * p["price_open"] / 100 for p in self.positions.values())
        return {"balance": self.balance, "equity": self.balance, "margin": margin,
                "free_margin": self.balance - margin}

    def handle(self, req):
        t = req.get("type")
        if t == "hello":
            fields = {"protocol": 1, "terminal": "pyzmq-peer/" + zmq.zmq_version(), "session": self.session,
                      "heartbeat_ms": 200, "pub_seq": self.seq, "login": 42, "server": "Py-Demo",
                      "currency": "USD", "leverage": 100, "margin_mode": "hedging", "trade_allowed": True,
                      "expert_allowed": True, "terminal_connected": True, "terminal_trade_allowed": True,
                      "server_offset_s": 0}
            fields.update(self.account())
            return self.reply(req, **fields)
        if t == "ping":
            return self.reply(req, session=self.session, server_offset_s=0)
        if t == "symbols":
            spec = {"name": SYMBOL, "description": "Euro vs US Dollar", "base_currency": "EUR",
                    "profit_currency": "USD", "margin_currency": "EUR", "digits": 5, "point": 0.00001,
                    "tick_size": 0.00001, "tick_value": 1.0, "contract_size": 100000.0, "volume_min": 0.01,
                    "volume_max": 50.0, "volume_step": 0.01, "stops_level": 0, "freeze_level": 0,
                    "filling_modes": 2, "trade_mode": 4, "spread": 12, "bid": self.bid, "ask": self.ask,
                    "sessions": []}
            names = req.get("symbols") or [SYMBOL]
            known = [spec] if SYMBOL in names else []
            return self.reply(req, symbols=known, unknown=[n for n in names if n != SYMBOL])
        if t == "subscribe":
            names = [n for n in req.get("symbols", []) if n == SYMBOL]
            self.subscribed.update(names)
            return self.reply(req, symbols=names, unknown=[n for n in req.get("symbols", []) if n != SYMBOL])
        if t == "account":
            return self.reply(req, login=42, server="Py-Demo", currency="USD", leverage=100,
                              margin_mode="hedging", trade_allowed=True, terminal_connected=True, **self.account())
        if t == "positions":
            return self.reply(req, pub_seq=self.seq, positions=list(self.positions.values()))
        if t == "deals":
            return self.reply(req, deals=[d for d in self.deals if d["utc_ms"] >= req["from_utc_ms"]])
        if t == "order_status":
            cid = req["client_order_id"]
            if cid in self.cids:
                r = dict(self.cids[cid])
                r.update({"type": "order_status_reply", "id": req["id"], "state": "filled", "duplicate": True})
                return r
            self.cids[cid] = None
            return self.reply(req, client_order_id=cid, state="not_found")
        if t == "order":
            return self.order(req)
        return {"type": "error_reply", "id": req.get("id", ""), "ok": False, "error": "unknown_type",
                "message": "unknown type %r" % t}

    def order(self, req):
        cid = req["client_order_id"]
        if cid in self.cids:
            stored = self.cids[cid]
            if stored is None:
                return self.reply(req, client_order_id=cid, retcode=10006, comment="fenced",
                                  message="client order id fenced", deal=0, order=0, position=0, price=0.0, volume=0.0)
            r = dict(stored)
            r.update({"id": req["id"], "duplicate": True})
            return r
        side = req["side"]
        price = self.ask if side == "buy" else self.bid
        self.ticket += 1
        order = self.ticket
        self.ticket += 1
        deal = self.ticket
        self.positions[order] = {"ticket": order, "identifier": order, "symbol": SYMBOL, "side": side,
                                 "volume": req["volume"], "price_open": price, "sl": req.get("sl", 0.0),
                                 "tp": req.get("tp", 0.0), "price_current": price, "profit": 0.0, "swap": 0.0,
                                 "magic": req.get("magic", 0), "comment": cid, "time_msc": now_ms(),
                                 "utc_ms": now_ms()}
        sign = 1 if side == "buy" else -1
        fields = {"client_order_id": cid, "duplicate": False, "retcode": 10009, "retcode_external": 0,
                  "comment": "Request executed", "deal": deal, "order": order, "position": order,
                  "symbol": SYMBOL, "side": side, "requested_price": req["price"],
                  "requested_volume": req["volume"], "price": price, "volume": req["volume"], "bid": self.bid,
                  "ask": self.ask, "slippage_points": round(sign * (price - req["price"]) / 0.00001)}
        fields.update(self.account())
        r = self.reply(req, **fields)
        self.cids[cid] = r
        d = {"deal": deal, "ticket": deal, "order": order, "position": order, "symbol": SYMBOL, "side": side,
             "entry": "in", "reason": "expert", "volume": req["volume"], "price": price, "profit": 0.0,
             "commission": 0.0, "swap": 0.0, "magic": req.get("magic", 0), "comment": cid,
             "client_order_id": cid, "utc_ms": now_ms(), "time_msc": now_ms()}
        self.deals.append(d)
        event = dict(d, type="trade", position_volume=req["volume"])
        event.update(self.account())
        self.publish(event)
        return r

    def run(self, seconds):
        poller = zmq.Poller()
        poller.register(self.router, zmq.POLLIN)
        end = time.time() + seconds
        last_hb = last_tick = 0.0
        while time.time() < end:
            if select.select([sys.stdin], [], [], 0)[0] and not sys.stdin.readline():
                break
            for sock, _ in poller.poll(20):
                frames = sock.recv_multipart()
                if len(frames) != 2:
                    continue
                identity, payload = frames
                try:
                    req = json.loads(payload.decode("utf-8"))
                    if not isinstance(req, dict) or not isinstance(req.get("id"), str):
                        raise ValueError("not a request object")
                    reply = self.handle(req)
                except (ValueError, KeyError, TypeError) as e:
                    reply = {"type": "error_reply", "id": "", "ok": False, "error": "malformed", "message": str(e)}
                self.router.send_multipart([identity, json.dumps(reply).encode("utf-8")])
            t = time.time()
            if t - last_hb >= 0.2:
                last_hb = t
                self.publish({"type": "heartbeat"})
            if self.subscribed and t - last_tick >= 0.02:
                last_tick = t
                self.bid = round(self.bid + (0.00001 if self.seq % 2 else -0.00001), 5)
                self.ask = round(self.bid + 0.00012, 5)
                self.publish({"type": "tick", "symbol": SYMBOL, "bid": self.bid, "ask": self.ask, "last": 0.0,
                              "volume": 0.0})


def main():
    peer = Peer()
    print("READY %s %s" % peer.endpoints(), flush=True)
    try:
        peer.run(60)
    finally:
        peer.router.close()
        peer.pub.close()
        peer.ctx.term()


if __name__ == "__main__":
    main()
