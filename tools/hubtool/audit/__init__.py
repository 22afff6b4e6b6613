"""`hubtool seo-audit`: rules over two kinds of facts, the Markdown sources and the built HTML pages."""
