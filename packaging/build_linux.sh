#!/usr/bin/env bash
# Build the Linux bundle: dist/article-editor/ and dist/article-editor-<version>-linux-x86_64.tar.gz
# (the folder, icons, a .desktop file and install.sh). Run by `make package` from the repository
# root with the virtual environment's bin first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(python -c 'import editor; print(editor.__version__)')
arch=$(uname -m)
name="article-editor-$version-linux-$arch"
start=$(date +%s)
rm -rf build/icons build/pyinstaller dist/article-editor "dist/$name" "dist/$name.tar.gz"
python packaging/make_icons.py build/icons
pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/article-editor.spec
stage="dist/$name"
mkdir -p "$stage"
cp -R dist/article-editor "$stage/article-editor"
mkdir -p "$stage/icons"
cp -R build/icons/hicolor "$stage/icons/hicolor"
cp packaging/article-editor.desktop packaging/install.sh "$stage/"
cp packaging/README-linux.txt "$stage/README.txt"
tar -C dist -czf "dist/$name.tar.gz" "$name"
rm -rf "$stage"
bytes=$(du -sb dist/article-editor | cut -f1)
if (( bytes > 130000000 )); then
    echo "the bundle is $bytes bytes, over its 130 MB budget" >&2
    exit 1
fi
echo "built dist/article-editor ($(du -sh dist/article-editor | cut -f1)) and" \
     "dist/$name.tar.gz ($(du -sh "dist/$name.tar.gz" | cut -f1)) in $(( $(date +%s) - start )) s"
