//! The profit charts' browser code: a scene painted on one kit [`Surface`] (sizing for the device pixel
//! ratio, the repaint triggers and the frame loop come from the kit too).

use crate::charts::kit::surface::Surface;

use super::model_chart::ProfitScene;
use super::model_theme::ProfitTheme;
use super::render::draw_scene;

/// Clears `surface` and draws `scene` (nothing for `None`: the empty state is HTML).
pub fn paint(
    surface: &Surface,
    scene: Option<&ProfitScene>,
    theme: &ProfitTheme,
) -> Result<(), String> {
    surface.begin();
    let Some(scene) = scene else {
        return Ok(());
    };
    let root = surface.area()?;
    draw_scene(&root, scene, theme).map_err(|e| e.to_string())
}
