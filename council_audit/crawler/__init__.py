"""The crawler: a Scrapy project (spiders, items, middlewares, pipelines, settings) that
renders pages with scrapy-playwright in Chromium and hands them to the checks."""
