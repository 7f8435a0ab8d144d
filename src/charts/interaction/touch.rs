//! Touch gestures as reducer input: one finger pans (and shows the crosshair where it rests), two fingers pinch
//! to zoom around their middle. Lifting one of two fingers goes back to panning with the other.

use super::PointerInput;

/// The fingers on the chart, in the order they touched it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Touches {
    fingers: Vec<(i32, f64, f64)>,
    /// The distance between the first two fingers at the last pinch step.
    spread: Option<f64>,
}

impl Touches {
    pub fn count(&self) -> usize {
        self.fingers.len()
    }

    fn two_finger_spread(&self) -> Option<(f64, f64)> {
        let [(_, x0, y0), (_, x1, y1), ..] = self.fingers.as_slice() else {
            return None;
        };
        Some((
            ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt(),
            (x0 + x1) / 2.0,
        ))
    }

    /// A finger touched the chart.
    pub fn down(&mut self, id: i32, x: f64, y: f64) -> Option<PointerInput> {
        self.fingers.retain(|f| f.0 != id);
        self.fingers.push((id, x, y));
        match self.fingers.len() {
            1 => Some(PointerInput::Down { x, y }),
            2 => {
                self.spread = self.two_finger_spread().map(|(d, _)| d);
                // The pan of the first finger ends; the pinch takes over.
                Some(PointerInput::Up)
            }
            _ => None,
        }
    }

    /// A finger moved.
    pub fn moved(&mut self, id: i32, x: f64, y: f64) -> Option<PointerInput> {
        let finger = self.fingers.iter_mut().find(|f| f.0 == id)?;
        (finger.1, finger.2) = (x, y);
        if self.fingers.len() == 1 {
            return Some(PointerInput::Move { x, y });
        }
        let (spread, centre) = self.two_finger_spread()?;
        let before = self.spread.replace(spread)?;
        // Fingers on one spot give no ratio.
        (before > 1.0 && spread > 1.0).then_some(PointerInput::Pinch {
            x: centre,
            factor: spread / before,
        })
    }

    /// A finger left the chart (lifted or cancelled).
    pub fn up(&mut self, id: i32) -> Option<PointerInput> {
        let before = self.fingers.len();
        self.fingers.retain(|f| f.0 != id);
        match (before, self.fingers.as_slice()) {
            (1, []) => Some(PointerInput::Up),
            (2, [(_, x, y)]) => {
                self.spread = None;
                Some(PointerInput::Down { x: *x, y: *y })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_finger_pans_like_a_mouse() {
        let mut t = Touches::default();
        assert_eq!(
            t.down(1, 100.0, 50.0),
            Some(PointerInput::Down { x: 100.0, y: 50.0 })
        );
        assert_eq!(
            t.moved(1, 140.0, 52.0),
            Some(PointerInput::Move { x: 140.0, y: 52.0 })
        );
        assert_eq!(t.up(1), Some(PointerInput::Up));
        assert_eq!(t.count(), 0);
        // A finger the chart never saw is ignored.
        assert_eq!(t.moved(9, 1.0, 1.0), None);
        assert_eq!(t.up(9), None);
    }

    #[test]
    fn two_fingers_pinch_around_their_middle_then_one_pans_again() {
        let mut t = Touches::default();
        t.down(1, 100.0, 50.0);
        assert_eq!(t.down(2, 200.0, 50.0), Some(PointerInput::Up));
        // Spread from 100 to 150 px: 1.5 × the bar spacing, centred between the fingers.
        assert_eq!(
            t.moved(2, 250.0, 50.0),
            Some(PointerInput::Pinch {
                x: 175.0,
                factor: 1.5
            })
        );
        // Each step is relative to the last one.
        assert_eq!(
            t.moved(1, 175.0, 50.0),
            Some(PointerInput::Pinch {
                x: 212.5,
                factor: 0.5
            })
        );
        // A third finger changes nothing.
        assert_eq!(t.down(3, 10.0, 10.0), None);
        assert_eq!(t.up(3), None);
        // Lifting one finger resumes a pan from where the other rests.
        assert_eq!(t.up(1), Some(PointerInput::Down { x: 250.0, y: 50.0 }));
        assert_eq!(
            t.moved(2, 260.0, 50.0),
            Some(PointerInput::Move { x: 260.0, y: 50.0 })
        );
    }

    #[test]
    fn fingers_on_one_spot_give_no_zoom() {
        let mut t = Touches::default();
        t.down(1, 100.0, 50.0);
        t.down(2, 100.0, 50.0);
        assert_eq!(t.moved(2, 100.5, 50.0), None);
    }
}
