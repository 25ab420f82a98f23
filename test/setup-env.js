// Days and months matter in this product: every test runs in China Standard Time.
process.env.TZ = 'Asia/Shanghai';
// Fixtures file dozens of demands as one demo person within a second; the rate limits have their
// own tests (test/functions/limits.test.ts), which turn them on.
process.env.JINLIN_RATE_LIMITS = 'off';
