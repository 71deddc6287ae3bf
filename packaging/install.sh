#!/usr/bin/env sh
# Put Article Editor in your applications menu (no administrator rights needed).
# Run it from the unpacked folder: ./install.sh        Remove again: ./install.sh --uninstall
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
app_dir="$data/article-editor"
apps="$data/applications"
icons="$data/icons/hicolor"
bin="$HOME/.local/bin"

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$app_dir" "$apps/article-editor.desktop" "$bin/article-editor"
    find "$icons" -name 'article-editor.*' -delete 2>/dev/null || true
    echo "Article Editor removed."
    exit 0
fi

mkdir -p "$app_dir" "$apps" "$icons" "$bin"
rm -rf "$app_dir/app"
cp -R "$here/article-editor" "$app_dir/app"
cp -R "$here/icons/hicolor/." "$icons/"
sed "s|@EXEC@|$app_dir/app/article-editor|" "$here/article-editor.desktop" > "$apps/article-editor.desktop"
ln -sf "$app_dir/app/article-editor" "$bin/article-editor"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$icons" || true
echo "Article Editor is in your applications menu (and in $bin/article-editor)."
