import test from 'ava';
import { ConfigError, effectiveToken, parseClusterConfig } from '../../src/daemon/membership/config/cluster-config.js';
import { ConfSyntaxError, parseConf, writeConf } from '../../src/daemon/membership/config/syntax.js';

const PCS_STYLE = `# written by hand
totem {
    version: 2
    cluster_name: web
    transport: knet
    crypto_cipher: aes256
    crypto_hash: sha256
    token: 3000
}

nodelist {
    node {
        ring0_addr: 10.0.0.1
        name: alpha
        nodeid: 1
    }
    node {
        ring0_addr: 10.0.0.2
        name: beta
        nodeid: 2
        quorum_votes: 2
    }
    node {
        ring0_addr: 10.0.0.3
        nodeid: 3
    }
}

quorum {
    provider: corosync_votequorum
    wait_for_all: 1
    auto_tie_breaker: 1
    auto_tie_breaker_node: 3 1
}

logging {
    to_logfile: yes
    logfile: /var/log/pacer/pacer.log
    to_syslog: yes
    timestamp: on
    logger_subsys {
        subsys: QUORUM
        debug: off
    }
}
`;

function lineOf(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfSyntaxError || e instanceof ConfigError) return e.line;
    throw e;
  }
  throw new Error('no error');
}

test('a pcs-style file gives the cluster name, nodes, crypto and quorum options', (t) => {
  const c = parseClusterConfig(PCS_STYLE);
  t.is(c.clusterName, 'web');
  t.is(c.totem.token, 3000);
  t.is(c.totem.cryptoCipher, 'aes256');
  t.deepEqual(c.nodes, [
    { id: 1, name: 'alpha', addr: '10.0.0.1', votes: 1 },
    { id: 2, name: 'beta', addr: '10.0.0.2', votes: 2 },
    { id: 3, name: '10.0.0.3', addr: '10.0.0.3', votes: 1 },
  ]);
  t.deepEqual(c.quorum, {
    expectedVotes: undefined,
    twoNode: false,
    waitForAll: true,
    lastManStanding: false,
    lastManStandingWindow: 10000,
    autoTieBreaker: true,
    autoTieBreakerNode: [3, 1],
  });
  t.true(c.logging.toLogfile);
  t.is(c.logging.logfile, '/var/log/pacer/pacer.log');
});

test("pacer's defaults fill what the file leaves out", (t) => {
  const c = parseClusterConfig('totem {\n cluster_name: x\n}\nnodelist {\n node {\n ring0_addr: a\n nodeid: 1\n }\n}\n');
  t.is(c.totem.token, 1000);
  t.is(c.totem.consensus, 1200);
  t.is(c.totem.join, 50);
  t.is(c.totem.port, 5405);
  t.is(c.totem.cryptoCipher, 'none');
  t.is(c.quorum, null);
  t.true(c.logging.toStderr);
});

test('consensus defaults to 1.2 times the token timeout grown by token_coefficient', (t) => {
  const nodes = [1, 2, 3, 4].map((i) => `node {\nring0_addr: 10.0.0.${i}\nnodeid: ${i}\n}`).join('\n');
  const c = parseClusterConfig(`totem {\ncluster_name: x\ntoken: 1000\ntoken_coefficient: 100\n}\nnodelist {\n${nodes}\n}\n`);
  t.is(effectiveToken(c.totem.token, c.totem.tokenCoefficient, c.nodes.length), 1200);
  t.is(c.totem.consensus, 1440);
});

test('the port of link 0 is read from an interface section', (t) => {
  const c = parseClusterConfig('totem {\ncluster_name: x\ninterface {\nlinknumber: 1\nmcastport: 6000\n}\ninterface {\nlinknumber: 0\nmcastport: 5999\n}\n}\nnodelist {\nnode {\nring0_addr: a\nnodeid: 1\n}\n}\n');
  t.is(c.totem.port, 5999);
});

test('two_node turns wait_for_all on unless it is set explicitly', (t) => {
  const base = 'totem {\ncluster_name: x\n}\nnodelist {\nnode {\nring0_addr: a\nnodeid: 1\n}\nnode {\nring0_addr: b\nnodeid: 2\n}\n}\n';
  t.true(parseClusterConfig(base + 'quorum {\nprovider: corosync_votequorum\ntwo_node: 1\n}\n').quorum!.waitForAll);
  t.false(parseClusterConfig(base + 'quorum {\nprovider: corosync_votequorum\ntwo_node: 1\nwait_for_all: 0\n}\n').quorum!.waitForAll);
});

test('syntax errors name the line', (t) => {
  t.is(lineOf(() => parseConf('totem {\n  cluster_name x\n}\n')), 2);
  t.is(lineOf(() => parseConf('totem {\n}\n}\n')), 3);
  t.is(lineOf(() => parseConf('a {\nb {\nk: v\n}\n')), 1);
  t.is(lineOf(() => parseConf('bad name {\n}\n')), 1);
});

test('bad values name the line', (t) => {
  const text = PCS_STYLE.replace('token: 3000', 'token: 3s');
  t.is(lineOf(() => parseClusterConfig(text)), 8);
  t.is(lineOf(() => parseClusterConfig(PCS_STYLE.replace('nodeid: 2', 'nodeid: 1'))), 20);
  t.is(lineOf(() => parseClusterConfig(PCS_STYLE.replace('crypto_hash: sha256', 'crypto_hash: none'))), 7);
  t.is(lineOf(() => parseClusterConfig(PCS_STYLE.replace('token: 3000', 'token: 3000\n    consensus: 2000'))), 9);
  t.is(lineOf(() => parseClusterConfig(PCS_STYLE.replace('wait_for_all: 1', 'wait_for_all: maybe'))), 31);
  t.is(lineOf(() => parseClusterConfig(PCS_STYLE.replace('auto_tie_breaker_node: 3 1', 'auto_tie_breaker_node: 7'))), 33);
});

test('a file without cluster name or nodelist is refused', (t) => {
  t.throws(() => parseClusterConfig('nodelist {\nnode {\nring0_addr: a\nnodeid: 1\n}\n}\n'), { message: /cluster_name is required/ });
  t.throws(() => parseClusterConfig('totem {\ncluster_name: x\n}\n'), { message: /nodelist section is required/ });
});

test('writing a parsed file gives pcs layout and the same configuration', (t) => {
  const written = writeConf(parseConf(PCS_STYLE));
  t.false(written.includes('#'));
  t.true(written.startsWith('totem {\n    version: 2\n'));
  t.true(written.includes('\n\nnodelist {\n    node {\n        ring0_addr: 10.0.0.1\n'));
  t.deepEqual(parseClusterConfig(written), parseClusterConfig(PCS_STYLE));
  t.is(writeConf(parseConf(written)), written);
});
