package io.gatehouse.ssh.relay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.ssh.relay.GuardRequest.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardRequestTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "scp -t /tmp",
        "scp -v -r -p -t -- /srv/dir",
        "scp -pf /etc/hosts",
        "scp -f '/tmp/a b.txt'",
        "scp -f /var/log/*.log",
        "  scp -t .",
        "rsync --server -vlogDtpre.iLsfxC . /dest"
      })
  void legacyTransferServersAreFileTransfers(String line) {
    assertTrue(GuardRequest.isFileTransfer(Kind.EXEC, line), line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "scp -V; cat /srv/cards.csv",
        "scp -t /x && cat /srv/cards.csv",
        "scp -t /x || cat /srv/cards.csv",
        "scp -f /x | tee /tmp/copy",
        "scp -t /x & cat /srv/cards.csv",
        "scp -t $(cat /srv/cards.csv)",
        "scp -t `cat /srv/cards.csv`",
        "scp -f /x > /tmp/y",
        "scp -t /x < /srv/cards.csv",
        "scp -t /x\ncat /srv/cards.csv",
        "scp /a /b",
        "scp -- -t",
        "rsync -av a b",
        "rsync --server . /d; cat /srv/cards.csv",
        "scpx -t /tmp",
        "cat /srv/cards.csv",
        "scp -t 'unterminated"
      })
  void anythingElseIsAnOrdinaryCommand(String line) {
    assertFalse(GuardRequest.isFileTransfer(Kind.EXEC, line), line);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sftp", "anything"})
  void subsystemsAreFileTransfers(String name) {
    assertTrue(GuardRequest.isFileTransfer(Kind.SUBSYSTEM, name), name);
  }
}
