import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../../src/cib/xml/parse.js';
import { serialize } from '../../src/cib/xml/serialize.js';
import type { XmlElement } from '../../src/cib/xml/node.js';
import { elementXPath, evaluate, selectNodes, XPath, XPathError, type XNode } from '../../src/cib/xpath/index.js';
import { requireReference, runReference, SCHEDULER_XML } from '../helpers.js';

const CIB = parseXml(`<cib epoch="3" num_updates="7" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="opts">
        <nvpair id="opts-a" name="stonith-enabled" value="false"/>
        <nvpair id="opts-b" name="no-quorum-policy" value="ignore"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="n1" uname="alpha"/>
      <!-- second node -->
      <node id="n2" uname="beta"><![CDATA[text]]></node>
    </nodes>
    <resources>
      <primitive id="r1" class="ocf" type="Dummy">
        <meta_attributes id="r1-meta">
          <nvpair id="r1-meta-t" name="target-role" value="Stopped"/>
        </meta_attributes>
      </primitive>
      <primitive id="r2" class="ocf" type="IPaddr2"/>
    </resources>
    <constraints/>
  </configuration>
  <status>
    <node_state id="n1" uname="alpha">
      <lrm_rsc_op id="op1" call-id="3" rc-code="0"/>
      <lrm_rsc_op id="op2" call-id="12" rc-code="7"/>
    </node_state>
  </status>
</cib>`);

const ids = (expr: string, root: XmlElement = CIB): (string | undefined)[] => selectNodes(root, expr).map((e) => e.id ?? e.name);
const value = (expr: string) => evaluate(CIB, expr);

test('an absolute path selects elements by name', (t) => {
  t.deepEqual(ids('/cib/configuration/resources/primitive'), ['r1', 'r2']);
});

test('// finds elements at any depth, in document order', (t) => {
  t.deepEqual(ids('//nvpair'), ['opts-a', 'opts-b', 'r1-meta-t']);
});

test('a relative path finds nothing without a context node, as in Pacemaker', (t) => {
  t.deepEqual(ids('cib'), []);
  t.deepEqual(ids('.'), []);
});

test('a relative path works from a given context element', (t) => {
  const resources = selectNodes(CIB, '//resources')[0]!;
  t.deepEqual(selectNodes(CIB, 'primitive/@id', { context: resources }).map((e) => e.id), ['r1', 'r2']);
});

test('/ alone selects the root element', (t) => {
  t.deepEqual(ids('/'), ['cib']);
});

test('a selected attribute stands for its element, once per attribute', (t) => {
  t.deepEqual(ids('//nvpair/@name'), ['opts-a', 'opts-b', 'r1-meta-t']);
  t.deepEqual(ids("//nvpair[@id='opts-a']/@*"), ['opts-a', 'opts-a', 'opts-a']);
});

test('a selected comment or text node stands for its parent', (t) => {
  t.deepEqual(ids('//comment()'), ['nodes']);
  t.deepEqual(ids('//text()'), ['n2']);
});

test('an expression that is not a node-set selects nothing', (t) => {
  t.deepEqual(ids('count(//nvpair)'), []);
});

test('a numeric predicate is a position', (t) => {
  t.deepEqual(ids('//cluster_property_set/nvpair[2]'), ['opts-b']);
  t.deepEqual(ids('//nvpair[1]'), ['opts-a', 'r1-meta-t']);
  t.deepEqual(ids('(//nvpair)[1]'), ['opts-a']);
});

test('last() and position() count within the step', (t) => {
  t.deepEqual(ids('//primitive[last()]'), ['r2']);
  t.deepEqual(ids('//primitive[position() = 1]'), ['r1']);
  t.deepEqual(ids('(//nvpair)[position() > 1]'), ['opts-b', 'r1-meta-t']);
});

test('predicates apply in turn', (t) => {
  t.deepEqual(ids("//nvpair[@value='false' or @value='ignore'][2]"), ['opts-b']);
  t.deepEqual(ids("//nvpair[2][@value='false']"), []);
});

test('reverse axes count positions backwards', (t) => {
  t.deepEqual(ids("//nvpair[@id='r1-meta-t']/ancestor::*[1]"), ['r1-meta']);
  t.deepEqual(ids("//primitive[@id='r2']/preceding-sibling::*[1]"), ['r1']);
  t.deepEqual(ids("//constraints/preceding::*[1]"), ['r2']);
});

test('results of reverse axes come back in document order', (t) => {
  t.deepEqual(ids("//nvpair[@id='r1-meta-t']/ancestor::*"), ['cib', 'configuration', 'resources', 'r1', 'r1-meta']);
});

test('parent, self and ancestor-or-self axes', (t) => {
  t.deepEqual(ids("//nvpair[@id='opts-a']/.."), ['opts']);
  t.deepEqual(ids('//*[self::node or self::primitive]'), ['n1', 'n2', 'r1', 'r2']);
  t.deepEqual(ids("//meta_attributes/ancestor-or-self::primitive"), ['r1']);
});

test('following and following-sibling axes', (t) => {
  t.deepEqual(ids("//node[@id='n1']/following-sibling::*"), ['n2']);
  t.deepEqual(ids("//primitive[@id='r2']/following::*"), ['constraints', 'status', 'n1', 'op1', 'op2']);
});

test('the following axis of an attribute starts with its element\'s children', (t) => {
  t.deepEqual(ids("//primitive[@id='r1']/@id/following::*[1]"), ['r1-meta']);
});

test('descendant and descendant-or-self axes', (t) => {
  t.deepEqual(ids("/cib/configuration/resources/descendant::*/@id"), ['r1', 'r1-meta', 'r1-meta-t', 'r2']);
  t.deepEqual(ids("//meta_attributes/descendant-or-self::*"), ['r1-meta', 'r1-meta-t']);
});

test('node(), * and name tests differ on comments', (t) => {
  t.is((value('/cib/configuration/nodes/node()') as XNode[]).length, 3);
  t.is((value('/cib/configuration/nodes/*') as XNode[]).length, 2);
});

test('unions merge into document order without duplicates', (t) => {
  t.deepEqual(ids('//node | //nodes | //node'), ['nodes', 'n1', 'n2']);
});

test('= against a node-set holds if any member matches', (t) => {
  t.deepEqual(ids('//node_state[@uname = //node/@uname]'), ['n1']);
  t.deepEqual(ids("//node[@uname != 'alpha']"), ['n2']);
});

test('relational operators compare numbers', (t) => {
  t.deepEqual(ids('//lrm_rsc_op[@call-id > 5]'), ['op2']);
  t.deepEqual(ids('//lrm_rsc_op[@call-id <= 3]'), ['op1']);
  t.deepEqual(ids("//lrm_rsc_op['10' < @call-id]"), ['op2']);
});

test('comparing with a boolean converts the node-set', (t) => {
  t.true(value('//nvpair = true()'));
  t.true(value('//nosuch = false()'));
});

test('arithmetic follows IEEE rules', (t) => {
  t.is(value('1 + 2 * 3'), 7);
  t.is(value('7 mod 3'), 1);
  t.is(value('-7 mod 3'), -1);
  t.is(value('1 div 0'), Infinity);
  t.true(Number.isNaN(value('0 div 0') as number));
  t.is(value('- - 2'), 2);
  t.is(value('5 - -2'), 7);
});

test('* after an operand is multiplication, otherwise a name test', (t) => {
  t.is(value('count(//*) * 2'), 38);
  t.deepEqual(ids('//lrm_rsc_op[@call-id*2 = 6]'), ['op1']);
});

test('and/or/div/mod are names where an operand is expected', (t) => {
  const doc = parseXml('<and><or/><div/></and>');
  t.deepEqual(selectNodes(doc, '/and/or | /and/div').map((e) => e.name), ['or', 'div']);
});

test('count, sum and number functions', (t) => {
  t.is(value('count(//primitive)'), 2);
  t.is(value('sum(//lrm_rsc_op/@call-id)'), 15);
  t.is(value("number('  12.5 ')"), 12.5);
  t.true(Number.isNaN(value("number('12a')") as number));
  t.is(value("number('1e3')"), 1000);
});

test('floor, ceiling and round', (t) => {
  t.is(value('floor(2.7)'), 2);
  t.is(value('ceiling(2.1)'), 3);
  t.is(value('round(2.5)'), 3);
  t.is(value('round(-2.5)'), -2);
  t.true(Object.is(value('round(-0.4)'), -0));
});

test('string functions', (t) => {
  t.is(value("concat('a', 'b', 1)"), 'ab1');
  t.true(value("starts-with('pacemaker', 'pace')"));
  t.true(value("contains('pacemaker', 'make')"));
  t.is(value("substring-before('1999/04/01', '/')"), '1999');
  t.is(value("substring-after('1999/04/01', '/')"), '04/01');
  t.is(value("string-length('abc')"), 3);
  t.is(value("normalize-space('  a  b  ')"), 'a b');
  t.is(value("translate('bar', 'abc', 'ABC')"), 'BAr');
  t.is(value("translate('--aaa--', 'a-', 'A')"), 'AAA');
});

test('substring follows the spec\'s rounding', (t) => {
  t.is(value("substring('12345', 2, 3)"), '234');
  t.is(value("substring('12345', 1.5, 2.6)"), '234');
  t.is(value("substring('12345', 0, 3)"), '12');
  t.is(value("substring('12345', -42, 1 div 0)"), '12345');
  t.is(value("substring('12345', 0 div 0, 3)"), '');
});

test('string-value of an element joins its text, of a number prints it plainly', (t) => {
  t.is(value("string(//node[@id='n2'])"), 'text');
  t.is(value('string(1 div 4)'), '0.25');
  t.is(value('string(3.0)'), '3');
  t.is(value('string(-0)'), '0');
  t.is(value('string(1 div 0)'), 'Infinity');
});

test('name() and local-name()', (t) => {
  t.is(value("name(//nvpair[1]/@value)"), 'value');
  t.is(value('name(/cib/*)'), 'configuration');
  t.is(evaluate(parseXml('<a xml:lang="en"/>'), 'local-name(/a/@*)'), 'lang');
});

test('boolean functions', (t) => {
  t.true(value('boolean(//primitive)'));
  t.false(value('boolean(//nosuch)'));
  t.true(value("not('')"));
  t.true(value('true() and not(false())'));
  t.false(value('boolean(0 div 0)'));
});

test('lang() looks at xml:lang on the ancestors', (t) => {
  const doc = parseXml('<a xml:lang="en-GB"><b/></a>');
  t.deepEqual(selectNodes(doc, '//b[lang("en")]').map((e) => e.name), ['b']);
  t.deepEqual(selectNodes(doc, '//b[lang("fr")]'), []);
});

test('id() finds only xml:id, since the CIB has no DTD', (t) => {
  t.deepEqual(ids("id('r1')"), []);
  const doc = parseXml('<a><b xml:id="x"/><c xml:id="y"/></a>');
  t.deepEqual(selectNodes(doc, "id('y x')").map((e) => e.name), ['b', 'c']);
});

test('a compiled expression can be evaluated again', (t) => {
  const x = new XPath('//primitive/@id');
  t.is(x.select(CIB).length, 2);
  t.is(x.select(parseXml('<cib><primitive id="z"/></cib>')).length, 1);
});

test('malformed expressions are XPathErrors', (t) => {
  for (const bad of ['', '//nvpair[', '//', '/cib/', 'foo(', "'open", '//nvpair]', '1 +', '@', '//a[1', 'a b', '$var', '//nvpair/nosuch::x']) {
    t.throws(() => selectNodes(CIB, bad), { instanceOf: XPathError }, JSON.stringify(bad));
  }
});

test('unknown functions and wrong argument counts are XPathErrors', (t) => {
  t.throws(() => selectNodes(CIB, '//a[nosuch()]'), { instanceOf: XPathError });
  t.throws(() => selectNodes(CIB, "concat('a')"), { instanceOf: XPathError });
  t.throws(() => selectNodes(CIB, 'count()'), { instanceOf: XPathError });
});

test('functions that need a node-set reject other values', (t) => {
  t.throws(() => evaluate(CIB, "count('x')"), { instanceOf: XPathError });
  t.throws(() => evaluate(CIB, "'x' | //a"), { instanceOf: XPathError });
  t.throws(() => evaluate(CIB, '(1)/a'), { instanceOf: XPathError });
});

test('elementXPath writes names with ids, as --node-path prints them', (t) => {
  const op = selectNodes(CIB, "//lrm_rsc_op[@id='op2']")[0]!;
  t.is(elementXPath(op), "/cib/status/node_state[@id='n1']/lrm_rsc_op[@id='op2']");
  t.is(elementXPath(CIB), '/cib');
  t.is(elementXPath(selectNodes(CIB, '//constraints')[0]!), '/cib/configuration/constraints');
});

test('selections match the reference cibadmin --xpath on corpus CIBs', (t) => {
  requireReference();
  const files = readdirSync(SCHEDULER_XML)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .filter((_, i) => i % 97 === 0);
  const exprs = [
    '//nvpair/@name',
    "//primitive[@class='ocf']/@id",
    '//lrm_rsc_op[@rc-code != 0]/ancestor::node_state',
    '(//node)[last()]',
    '//*[comment()]',
    '//op[@interval > 0][1]',
    "//nvpair[contains(@name, 'stonith')]/..",
    '//resources/*[position() mod 2 = 1]',
  ];
  const mismatched: string[] = [];
  for (const f of files) {
    const path = join(SCHEDULER_XML, f);
    const cib = parseXml(readFileSync(path, 'utf8'));
    for (const x of exprs) {
      const ref = runReference('cibadmin', ['-Q', '--xpath', x], { env: { CIB_file: path } });
      const found = selectNodes(cib, x);
      const ours =
        found.length === 0
          ? null
          : found.length === 1
            ? serialize(found[0]!)
            : '<xpath-query>\n' + found.map((e) => serialize(e, { depth: 1 })).join('') + '</xpath-query>\n';
      if ((ref.code === 0 ? ref.stdout : null) !== ours) mismatched.push(`${f}: ${x}`);
    }
  }
  t.true(files.length >= 6);
  t.deepEqual(mismatched, []);
});
