"""Messages with a bad or missing HMAC are dropped; garbage frames never take the kernel down."""
import json
import os
import random
import tempfile
import time
import unittest
import uuid

import zmq
from jupyter_client.session import Session

import harness


class Security(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = harness.start()
        reply, _ = harness.run(cls.kc, "int warm = 1;")
        assert reply["status"] == "ok", reply
        cls.info = cls.km.get_connection_info()
        cls.ctx = zmq.Context()

    @classmethod
    def tearDownClass(cls):
        cls.ctx.destroy(linger=0)
        harness.stop(cls.km, cls.kc)

    def raw_socket(self, port_key="shell_port"):
        s = self.ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        s.connect("tcp://%s:%d" % (self.info["ip"], self.info[port_key]))
        return s

    def assert_alive(self):
        """A signed kernel_info_request is answered: the kernel and its socket loop still work."""
        reply = harness.reply_to(self.kc, self.kc.kernel_info(), timeout=60)
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(reply["implementation"], "cnnlab")

    def execute_request_writing(self, path, key):
        session = Session(key=key, signature_scheme=self.info["signature_scheme"])
        code = 'java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");' % path
        msg = session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                              "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        return session, msg

    def test_bad_and_missing_signatures_are_not_executed(self):
        for port in ("shell_port", "control_port"):
            for label, key in (("wrong key", b"not-the-key"), ("no key", b"")):
                path = os.path.join(tempfile.mkdtemp(), "should-not-exist")
                session, msg = self.execute_request_writing(path, key)
                s = self.raw_socket(port)
                session.send(s, msg)  # signed with the wrong key, or with an empty signature
                s.close()
                self.assert_alive()
                harness.run(self.kc, "int after = 1;")  # ordered after the forged message on the shell
                self.assertFalse(os.path.exists(path), "%s on %s was executed" % (label, port))

    def test_correct_signature_is_executed(self):  # the check above can fail: the same path works signed
        path = os.path.join(tempfile.mkdtemp(), "should-exist")
        session, msg = self.execute_request_writing(path, self.info["key"].encode() if isinstance(self.info["key"], str) else self.info["key"])
        s = self.raw_socket()
        session.send(s, msg)
        s.recv_multipart()  # the execute_reply
        s.close()
        self.assertTrue(os.path.exists(path))

    def test_fuzz_1000_malformed_messages(self):
        rnd = random.Random(4)
        key = self.info["key"].encode() if isinstance(self.info["key"], str) else self.info["key"]
        good = Session(key=key, signature_scheme=self.info["signature_scheme"])
        s = self.raw_socket()
        for i in range(1000):
            kind = i % 5
            if kind == 0:    # random frames
                frames = [os.urandom(rnd.randint(0, 64)) for _ in range(rnd.randint(1, 9))]
            elif kind == 1:  # delimiter with too few frames
                frames = [b"<IDS|MSG>"] + [os.urandom(8) for _ in range(rnd.randint(0, 4))]
            elif kind == 2:  # well-formed layout, garbage signature and JSON
                frames = [b"<IDS|MSG>", os.urandom(32).hex().encode(), b"{", b"}", b"[", os.urandom(20)]
            else:            # correctly signed, but the JSON is garbage or of an unknown type
                header = rnd.choice([b"{", b"null", b"[]", json.dumps({"msg_type": "no_such_request", "msg_id": str(uuid.uuid4()),
                                     "session": "s", "username": "u", "version": "5.3", "date": "x"}).encode(),
                                     json.dumps({"msg_type": "execute_request"}).encode()])
                parts = [header, b"{}", b"{}", rnd.choice([b"{}", b"not json", b"[1,2]", b"null"])]
                frames = [b"<IDS|MSG>", good.sign(parts)] + parts
            s.send_multipart(frames)
        # then a valid request on the same connection: its reply proves all 1000 were read first (ZMQ keeps order)
        s.setsockopt(zmq.RCVTIMEO, 60000)
        good.send(s, good.msg("kernel_info_request", {}))
        reply = good.recv(s, mode=0)[1]
        s.close()
        self.assertEqual(reply["msg_type"], "kernel_info_reply")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assert_alive()
        self.assertEqual(harness.result_of(harness.run(self.kc, "warm + 1")[1])["text/plain"], "2")

    def test_sockets_bind_to_the_connection_ip_only(self):
        ports = {self.info[k] for k in ("shell_port", "control_port", "iopub_port", "stdin_port", "hb_port")}
        bound = {}
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            if not os.path.exists(table):
                continue
            with open(table) as f:
                for line in list(f)[1:]:
                    local, state = line.split()[1], line.split()[3]
                    ip_hex, port_hex = local.split(":")
                    if state == "0A" and int(port_hex, 16) in ports:  # LISTEN
                        bound[int(port_hex, 16)] = ip_hex
        self.assertEqual(set(bound), ports)
        self.assertEqual(self.info["ip"], "127.0.0.1")
        for port, ip_hex in bound.items():
            # 127.0.0.1, as IPv4 or as the IPv4-mapped IPv6 address jeromq may use
            self.assertIn(ip_hex, ("0100007F", "0000000000000000FFFF00000100007F"),
                          "port %d listens on %s, not 127.0.0.1" % (port, ip_hex))


if __name__ == "__main__":
    unittest.main()
