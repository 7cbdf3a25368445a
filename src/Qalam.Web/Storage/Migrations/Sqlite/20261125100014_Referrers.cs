using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qalam.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Referrers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "post_referrer_days",
                columns: table => new
                {
                    post_id = table.Column<int>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    host = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    visits = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_referrer_days", x => new { x.post_id, x.day, x.host });
                    table.ForeignKey(
                        name: "fk_post_referrer_days_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_post_referrer_days_day",
                table: "post_referrer_days",
                column: "day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "post_referrer_days");
        }
    }
}
