// 3.5.1 Performance monitoring
import { defineQuiz } from '../../src/components/quiz';

export default defineQuiz({
  questions: [
    {
      prompt: { zh: '原教材取中位数的写法，和最近秩法比一比。这段代码打印什么？', en: 'The source’s way of taking the median, next to nearest rank. What does this print?' },
      code: {
        lang: 'ts',
        source: `const sorted = [10, 20, 30, 40];
const truncated = sorted[Math.floor(sorted.length * 0.5)];
const nearestRank = sorted[Math.ceil((50 * sorted.length) / 100) - 1];
console.log(truncated, nearestRank);`,
      },
      output: true,
      options: [
        {
          text: '20 20',
          why: { zh: '截断下标是 floor(2) = 2，取到的是第 3 个值 30。', en: 'The truncated index is floor(2) = 2, the third value, 30.' },
        },
        {
          text: '30 20',
          correct: true,
          why: { zh: 'n × p 恰好是整数 2，截断下标多走一位取到 30；最近秩取第 ⌈2⌉ = 2 个值，即 20。', en: 'n × p is the whole number 2, so the truncated index goes one too far, to 30; nearest rank takes value number ⌈2⌉ = 2, which is 20.' },
        },
        {
          text: '25 20',
          why: { zh: '25 是“两个中间值的平均”那种中位数定义；这两种写法都只会取一个真实出现过的样本。', en: '25 is the “mean of the two middle values” median; both expressions here pick a sample that was actually seen.' },
        },
      ],
    },
    {
      prompt: {
        zh: '一个直方图有 11 个桶边界（另有 `+Inf` 桶），标签是 `route`（20 个路由模板）和 `status`（ok、error）。导出时它一共有多少条时间序列？',
        en: 'A histogram has 11 bucket bounds (plus the `+Inf` bucket) and the labels `route` (20 route templates) and `status` (ok, error). How many time series does it export?',
      },
      options: [
        {
          text: '40',
          why: { zh: '40 是标签组合数；直方图的每个桶、加上 `_sum` 和 `_count`，各是一条序列。', en: '40 is the number of label combinations; each bucket, plus `_sum` and `_count`, is a series of its own.' },
        },
        {
          text: '480',
          why: { zh: '12 个 `_bucket` × 40 对了一半，还漏了每个组合的 `_sum` 和 `_count`。', en: '12 `_bucket` series × 40 is part of it; each combination also has `_sum` and `_count`.' },
        },
        {
          text: '560',
          correct: true,
          why: { zh: '每个组合有 12 条 `_bucket`（含 `+Inf`）+ `_sum` + `_count` = 14 条，乘以 20 × 2 = 40 个组合。基数就是这样涨起来的。', en: 'Each combination has 12 `_bucket` series (with `+Inf`) + `_sum` + `_count` = 14, times 20 × 2 = 40 combinations. That is how cardinality grows.' },
        },
      ],
    },
    {
      prompt: {
        zh: '两个实例，一个的 p99 是 100 ms，另一个是 900 ms，两者流量相同。整体的 p99 是多少？',
        en: 'Two instances with the same traffic: one has a p99 of 100 ms, the other 900 ms. What is the overall p99?',
      },
      options: [
        {
          text: '500 ms',
          why: { zh: '百分位不能取平均：整体的第 99 百分位取决于两边的整个分布，而不只是各自的一个点。', en: 'Percentiles do not average: the overall 99th percentile depends on both whole distributions, not one point of each.' },
        },
        {
          text: '900 ms',
          why: { zh: '取较大者同样没有依据；真实值可能比 900 ms 小不少。', en: 'Taking the larger has no basis either; the true value may be well below 900 ms.' },
        },
        {
          text: { zh: '只凭这两个数算不出来；要把两边的直方图按桶相加再求', en: 'It cannot be computed from these two numbers; add the two histograms bucket by bucket, then read it' },
          correct: true,
          why: { zh: '直方图可以合并，百分位不行。这正是 Prometheus 推荐用直方图而不是在客户端算好百分位的原因。', en: 'Histograms merge, percentiles do not. That is why Prometheus recommends histograms over percentiles computed in the client.' },
        },
      ],
    },
    {
      prompt: {
        zh: '有人给请求计数器加了一个标签 `url`，值是实际请求的完整路径（带查询串）。会出什么问题？',
        en: 'Someone adds a `url` label to the request counter, holding the full requested path with its query string. What goes wrong?',
      },
      options: [
        {
          text: { zh: '没什么问题，标签越多分析越方便', en: 'Nothing: more labels make analysis easier' },
          why: { zh: '每个不同的取值都是一条新序列；完整路径几乎有无限多种取值。', en: 'Every distinct value is a new series, and full paths take practically unlimited values.' },
        },
        {
          text: { zh: '序列数随不同的路径无限增长，拖垮监控系统和服务自己的内存', en: 'The number of series grows with every distinct path, swamping the monitoring system and the service’s own memory' },
          correct: true,
          why: { zh: '用路由模板（`/users/:id`）作标签，原始路径写进日志。', en: 'Use the route template (`/users/:id`) as the label and log the raw path.' },
        },
        {
          text: { zh: 'Prometheus 会拒绝标签值里的 `?` 和 `/`', en: 'Prometheus rejects `?` and `/` in label values' },
          why: { zh: '标签值可以是任意 UTF-8 文本，只需转义反斜杠、双引号和换行；问题在于取值的个数。', en: 'Label values may be any UTF-8 text, with backslash, quote and newline escaped; the problem is how many values there are.' },
        },
      ],
    },
  ],
});
