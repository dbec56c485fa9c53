// 3.5.2 Alerting
import { defineQuiz } from '../../src/components/quiz';

export default defineQuiz({
  questions: [
    {
      prompt: { zh: '错误是带标签计数的，规则却读不带标签的键。这段代码打印什么？', en: 'Errors are counted with tags, and the rule reads the untagged key. What does this print?' },
      code: {
        lang: 'ts',
        source: `const counters = new Map<string, number>();
function increment(name: string, tags: Record<string, string> = {}): void {
  const pairs = Object.entries(tags).map(([k, v]) => \`\${k}=\${v}\`).join(',');
  const key = pairs ? \`\${name}?\${pairs}\` : name;
  counters.set(key, (counters.get(key) ?? 0) + 1);
}

for (let i = 0; i < 100; i++) increment('requests');
for (let i = 0; i < 30; i++) increment('errors', { endpoint: '/users' });
const errorRate = (counters.get('errors') ?? 0) / Math.max(counters.get('requests') ?? 1, 1);
console.log(errorRate);`,
      },
      output: true,
      options: [
        {
          text: '0.3',
          why: { zh: '30 个错误确实记下了，但记在 `errors?endpoint=/users` 下；规则读的 `errors` 从来没人写过。', en: 'The 30 errors were recorded, under `errors?endpoint=/users`; the `errors` key the rule reads was never written.' },
        },
        {
          text: '0',
          correct: true,
          why: { zh: '规则永远读到 0，错误率告警永远不会触发。要把该指标的所有序列加起来（PromQL 的 `sum by`）。', en: 'The rule always reads 0, so the error-rate alert can never fire. Sum all series of the metric (PromQL’s `sum by`).' },
        },
        {
          text: 'NaN',
          why: { zh: '分子用 `?? 0` 兜了底，分母也不会是 0，所以不是 NaN。', en: 'The numerator falls back to 0 and the denominator is never 0, so it is not NaN.' },
        },
      ],
    },
    {
      prompt: {
        zh: '服务已经运行了一周：100 万个请求、1 万个错误。接着彻底故障 5 分钟，这期间 3000 个请求全部失败。按“启动以来的累计值”算的错误率大约是多少，5% 的规则会触发吗？',
        en: 'A service has run for a week: 1,000,000 requests, 10,000 errors. Then it fails completely for 5 minutes, and all 3,000 requests in that time fail. About what is the lifetime error ratio, and does a 5% rule fire?',
      },
      options: [
        {
          text: { zh: '100%，触发', en: '100%, it fires' },
          why: { zh: '那是最近 5 分钟窗口里的比例；累计值把它稀释掉了。', en: 'That is the ratio within the last 5 minutes; the lifetime totals dilute it.' },
        },
        {
          text: { zh: '约 1.3%，不触发', en: 'About 1.3%, it does not fire' },
          correct: true,
          why: { zh: '(10000 + 3000) / (1000000 + 3000) ≈ 1.3%。彻底故障几乎不动累计比例，所以要用窗口内的增量。', en: '(10,000 + 3,000) / (1,000,000 + 3,000) ≈ 1.3%. A total outage barely moves a lifetime ratio, hence increases within a window.' },
        },
        {
          text: { zh: '约 5.3%，触发', en: 'About 5.3%, it fires' },
          why: { zh: '算一下：13000 / 1003000 约是 1.3%，不是 5.3%。', en: 'Work it out: 13,000 / 1,003,000 is about 1.3%, not 5.3%.' },
        },
      ],
    },
    {
      prompt: {
        zh: '一条 `for: 5m` 的规则每分钟求值一次。条件在第 0～3 分钟成立，第 4 分钟不成立，从第 5 分钟起一直成立。它在第几分钟进入 firing？',
        en: 'A rule with `for: 5m` is evaluated every minute. The condition holds at minutes 0–3, not at minute 4, and holds again from minute 5 on. At which minute does it fire?',
      },
      options: [
        {
          text: { zh: '第 5 分钟', en: 'Minute 5' },
          why: { zh: '第 4 分钟的一次不成立让 pending 作废，从第 5 分钟重新计时。', en: 'The clear sample at minute 4 drops the pending alert; the clock restarts at minute 5.' },
        },
        {
          text: { zh: '第 3 分钟', en: 'Minute 3' },
          why: { zh: '到第 3 分钟只持续了 3 分钟，还不够 5 分钟。', en: 'By minute 3 it has held for 3 minutes, short of 5.' },
        },
        {
          text: { zh: '第 10 分钟', en: 'Minute 10' },
          correct: true,
          why: { zh: '从第 5 分钟重新进入 pending，持续满 5 分钟后（第 10 分钟）才 firing。', en: 'It becomes pending again at minute 5 and fires once it has held for 5 minutes, at minute 10.' },
        },
      ],
    },
    {
      prompt: {
        zh: '一条告警正在触发，被一个两小时的维护静默屏蔽了。静默结束时它仍在触发。正确的行为是什么？',
        en: 'A firing alert is muted by a two-hour maintenance silence. When the silence ends, it is still firing. What should happen?',
      },
      options: [
        {
          text: { zh: '什么也不发，直到重复间隔（比如 4 小时）到了再说', en: 'Nothing until the repeat interval (say 4 hours) comes round' },
          why: { zh: '那正是把被静音的告警记成“已通知”的错误：问题还在，却没人知道。', en: 'That is the bug of recording a muted alert as notified: the problem is still there and nobody hears of it.' },
        },
        {
          text: { zh: '下一次发送检查就通知它，因为它从未被记为已通知', en: 'The next flush notifies it, because it was never recorded as notified' },
          correct: true,
          why: { zh: '静默只挡通知，不改变状态；被挡下的告警不算发出过。实验的 `silences` 任务检查这一点。', en: 'A silence only holds back notifications and leaves state alone; a held-back alert was never sent. The lab’s `silences` task checks this.' },
        },
        {
          text: { zh: '告警在静默期间被自动恢复，需要重新触发一次', en: 'The alert was resolved during the silence and must fire anew' },
          why: { zh: '静默不影响求值：告警在整个静默期间都保持 firing。', en: 'A silence does not touch evaluation: the alert stays firing throughout.' },
        },
      ],
    },
  ],
});
