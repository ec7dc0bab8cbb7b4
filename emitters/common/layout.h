// The Graphviz half of diagram.h: box sizes and dot's placement of boxes, edges and labels.
#pragma once

#include "diagram.h"

namespace switcheroo::diagram {

/// Sizes every box for its text, then lets dot (libgvc) place the boxes, route the arrows as
/// Bezier curves and place their labels; fills the diagram's coordinates and size.
void lay_out(Diagram& diagram);

}  // namespace switcheroo::diagram
