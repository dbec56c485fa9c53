// 3.1.2 Key performance metrics
import { defineQuiz } from '../../src/components/quiz';

export default defineQuiz({
  questions: [
    {
      prompt: { zh: '这段代码打印什么？', en: 'What does this print?' },
      code: {
        lang: 'ts',
        source: `const latencies = [5, 40, 100, 9];
latencies.sort();
console.log(latencies.join(' '));`,
      },
      output: true,
      options: [
        {
          text: '5 9 40 100',
          why: { zh: '这是按数值排序的结果，要写成 `sort((a, b) => a - b)` 才会得到它。', en: 'That is the numeric order, which needs `sort((a, b) => a - b)`.' },
        },
        {
          text: '100 40 5 9',
          correct: true,
          why: {
            zh: '不传比较函数时，`sort` 把元素转成字符串再比较："100" < "40" < "5" < "9"。',
            en: 'Without a comparator `sort` compares the elements as strings: "100" < "40" < "5" < "9".',
          },
        },
        {
          text: '5 40 100 9',
          why: { zh: '`sort` 是原地排序，数组确实被重排了，不会保持原样。', en: '`sort` works in place: the array is reordered, not left as it was.' },
        },
      ],
    },
    {
      prompt: { zh: '20 个样本 1…20，这段代码打印什么？', en: 'With the 20 samples 1…20, what does this print?' },
      code: {
        lang: 'ts',
        source: `const sorted = Array.from({ length: 20 }, (_, i) => i + 1);
const truncated = sorted[Math.floor(sorted.length * 0.95)];
const nearestRank = sorted[Math.ceil((95 * sorted.length) / 100) - 1];
console.log(truncated, nearestRank);`,
      },
      output: true,
      options: [
        {
          text: '19 19',
          why: { zh: '截断下标是 floor(19) = 19，取到的是第 20 个值，不是 19。', en: 'The truncated index is floor(19) = 19, which is the 20th value, not 19.' },
        },
        {
          text: '20 19',
          correct: true,
          why: {
            zh: 'n × p 恰好是整数 19 时，截断下标多走一位，拿到最大值 20；最近秩取第 ⌈19⌉ = 19 个值。',
            en: 'When n × p is the whole number 19, the truncated index goes one too far and returns the maximum, 20; nearest rank takes value number ⌈19⌉ = 19.',
          },
        },
        {
          text: '20 20',
          why: { zh: '最近秩的下标是 19 − 1 = 18，对应的值是 19。', en: 'The nearest-rank index is 19 − 1 = 18, whose value is 19.' },
        },
        {
          text: '19 20',
          why: { zh: '两个结果正好反了：多走一位的是截断下标。', en: 'That swaps the two: the truncated index is the one that goes too far.' },
        },
      ],
    },
    {
      prompt: {
        zh: '一个服务每秒处理 400 个请求，平均延迟 50 ms。按利特尔定律，平均有多少个请求同时在处理？',
        en: 'A service handles 400 requests per second with an average latency of 50 ms. By Little’s law, how many requests are in flight on average?',
      },
      options: [
        {
          text: '20',
          correct: true,
          why: { zh: '在途请求数 = 吞吐量 × 平均延迟 = 400/s × 0.05 s = 20。', en: 'In flight = throughput × average latency = 400/s × 0.05 s = 20.' },
        },
        {
          text: '8',
          why: { zh: '这是 400 ÷ 50，单位对不上：要用吞吐量乘以以秒为单位的延迟。', en: 'That is 400 ÷ 50, which mixes units: multiply the throughput by the latency in seconds.' },
        },
        {
          text: '2000',
          why: { zh: '把 50 ms 当成了 5 s。', en: 'That takes 50 ms for 5 s.' },
        },
        {
          text: { zh: '没有负载测试算不出来', en: 'It cannot be known without a load test' },
          why: { zh: '利特尔定律对任何稳定的系统都成立，只需要吞吐量和平均延迟。', en: 'Little’s law holds for any stable system; the throughput and the mean latency are enough.' },
        },
      ],
    },
    {
      prompt: {
        zh: '一个页面要调 10 个接口，每个接口各自有 1% 的请求慢于 1 秒（p99 = 1 s），彼此独立。打开一次页面至少碰上一次慢请求的概率大约是多少？',
        en: 'A page calls 10 endpoints; each independently has 1% of its requests slower than 1 s (p99 = 1 s). Roughly how likely is one page view to hit at least one slow request?',
      },
      options: [
        {
          text: '1%',
          why: { zh: '1% 是单个接口的概率；10 个接口各有一次机会。', en: '1% is the chance for one endpoint; ten endpoints each get a chance.' },
        },
        {
          text: '0.1%',
          why: { zh: '这是把概率相除了；碰上慢请求的机会随调用次数增加，而不是减少。', en: 'That divides the chance; the more calls, the more chances to hit a slow one, not fewer.' },
        },
        {
          text: { zh: '约 10%', en: 'About 10%' },
          correct: true,
          why: {
            zh: '1 − 0.99¹⁰ ≈ 9.6%。所以 p99 虽然只说“1% 的请求”，受影响的页面访问却多得多。',
            en: '1 − 0.99¹⁰ ≈ 9.6%. p99 speaks of 1% of requests, yet far more page views are affected.',
          },
        },
        {
          text: '99%',
          why: { zh: '99% 是一次请求不慢的概率，和问题问的正好相反。', en: '99% is the chance that one request is not slow: the opposite of the question.' },
        },
      ],
    },
  ],
});
