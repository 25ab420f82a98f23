// Days and months matter in this product: every test runs in China Standard Time.
process.env.TZ = 'Asia/Shanghai';
