// Before any module loads: the platform Taro's H5 runtime and our service module see.
process.env.TZ = 'Asia/Shanghai';
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
